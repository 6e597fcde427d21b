// Set every property of existing Campaign nodes exactly as given (None clears),
// for import updates (merged in Python) and for undo (restoring a snapshot).
// Each property is named, as in the LadybugDB variant (a test keeps the list in step with the schema).
UNWIND $rows AS r
MATCH (n:Campaign {id: r.id})
SET n.external_id = r.external_id,
    n.source_system = r.source_system,
    n.name = r.name,
    n.type = r.type,
    n.status = r.status,
    n.start_date = r.start_date,
    n.end_date = r.end_date,
    n.budgeted_cost = r.budgeted_cost,
    n.actual_cost = r.actual_cost,
    n.description = r.description,
    n.extra = r.extra,
    n.row_hash = r.row_hash,
    n.updated_at = r.updated_at
RETURN count(n) AS n
