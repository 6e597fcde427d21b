// Set every property of existing Campaign nodes exactly as given (None clears),
// for import updates (merged in Python) and for undo (restoring a snapshot).
// LadybugDB has no `SET n += map`, so each property is named, and typed with CAST: a
// column that is None in every row arrives as STRING. A test keeps the list in step with the schema.
UNWIND $rows AS r
MATCH (n:Campaign {id: r.id})
SET n.external_id = r.external_id,
    n.source_system = r.source_system,
    n.name = r.name,
    n.type = r.type,
    n.status = r.status,
    n.start_date = CAST(r.start_date AS DATE),
    n.end_date = CAST(r.end_date AS DATE),
    n.budgeted_cost = CAST(r.budgeted_cost AS DOUBLE),
    n.actual_cost = CAST(r.actual_cost AS DOUBLE),
    n.description = r.description,
    n.extra = r.extra,
    n.row_hash = r.row_hash,
    n.updated_at = CAST(r.updated_at AS TIMESTAMP)
RETURN count(n) AS n
