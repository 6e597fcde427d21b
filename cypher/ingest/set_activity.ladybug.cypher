// Set every property of existing Activity nodes exactly as given (None clears),
// for import updates (merged in Python) and for undo (restoring a snapshot).
// LadybugDB has no `SET n += map`, so each property is named, and typed with CAST: a
// column that is None in every row arrives as STRING. A test keeps the list in step with the schema.
UNWIND $rows AS r
MATCH (n:Activity {id: r.id})
SET n.external_id = r.external_id,
    n.source_system = r.source_system,
    n.type = r.type,
    n.at = CAST(r.at AS TIMESTAMP),
    n.outcome = r.outcome,
    n.note = r.note,
    n.next_at = CAST(r.next_at AS TIMESTAMP),
    n.extra = r.extra,
    n.row_hash = r.row_hash,
    n.updated_at = CAST(r.updated_at AS TIMESTAMP)
RETURN count(n) AS n
