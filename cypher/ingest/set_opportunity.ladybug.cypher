// Set every property of existing Opportunity nodes exactly as given (None clears),
// for import updates (merged in Python) and for undo (restoring a snapshot).
// LadybugDB has no `SET n += map`, so each property is named, and typed with CAST: a
// column that is None in every row arrives as STRING. A test keeps the list in step with the schema.
UNWIND $rows AS r
MATCH (n:Opportunity {id: r.id})
SET n.external_id = r.external_id,
    n.source_system = r.source_system,
    n.name = r.name,
    n.company_name = r.company_name,
    n.stage = r.stage,
    n.amount = CAST(r.amount AS DOUBLE),
    n.close_date = CAST(r.close_date AS DATE),
    n.won = CAST(r.won AS BOOLEAN),
    n.extra = r.extra,
    n.row_hash = r.row_hash,
    n.updated_at = CAST(r.updated_at AS TIMESTAMP)
RETURN count(n) AS n
