// Set every property of existing Activity nodes exactly as given (None clears),
// for import updates (merged in Python) and for undo (restoring a snapshot).
// Each property is named, as in the LadybugDB variant (a test keeps the list in step with the schema).
UNWIND $rows AS r
MATCH (n:Activity {id: r.id})
SET n.external_id = r.external_id,
    n.source_system = r.source_system,
    n.type = r.type,
    n.at = r.at,
    n.outcome = r.outcome,
    n.note = r.note,
    n.next_at = r.next_at,
    n.extra = r.extra,
    n.row_hash = r.row_hash,
    n.updated_at = r.updated_at
RETURN count(n) AS n
