// Set every property of existing Opportunity nodes exactly as given (None clears),
// for import updates (merged in Python) and for undo (restoring a snapshot).
// Each property is named, as in the LadybugDB variant (a test keeps the list in step with the schema).
UNWIND $rows AS r
MATCH (n:Opportunity {id: r.id})
SET n.external_id = r.external_id,
    n.source_system = r.source_system,
    n.name = r.name,
    n.company_name = r.company_name,
    n.stage = r.stage,
    n.amount = r.amount,
    n.close_date = r.close_date,
    n.won = r.won,
    n.extra = r.extra,
    n.row_hash = r.row_hash,
    n.updated_at = r.updated_at
RETURN count(n) AS n
