// Set every property of existing Rep nodes exactly as given (None clears),
// for import updates (merged in Python) and for undo (restoring a snapshot).
// Each property is named, as in the LadybugDB variant (a test keeps the list in step with the schema).
UNWIND $rows AS r
MATCH (n:Rep {id: r.id})
SET n.external_id = r.external_id,
    n.source_system = r.source_system,
    n.name = r.name,
    n.email = r.email,
    n.phone = r.phone,
    n.region = r.region,
    n.team = r.team,
    n.capacity = r.capacity,
    n.active = r.active,
    n.extra = r.extra,
    n.row_hash = r.row_hash,
    n.updated_at = r.updated_at
RETURN count(n) AS n
