// Set every property of existing Rep nodes exactly as given (None clears),
// for import updates (merged in Python) and for undo (restoring a snapshot).
// LadybugDB has no `SET n += map`, so each property is named, and typed with CAST: a
// column that is None in every row arrives as STRING. A test keeps the list in step with the schema.
UNWIND $rows AS r
MATCH (n:Rep {id: r.id})
SET n.external_id = r.external_id,
    n.source_system = r.source_system,
    n.name = r.name,
    n.email = r.email,
    n.phone = r.phone,
    n.region = r.region,
    n.team = r.team,
    n.capacity = CAST(r.capacity AS INT64),
    n.active = CAST(r.active AS BOOLEAN),
    n.extra = r.extra,
    n.row_hash = r.row_hash,
    n.updated_at = CAST(r.updated_at AS TIMESTAMP)
RETURN count(n) AS n
