// Put leads into the pool (公海): no owner from now; r.by is the rep each was taken from, if any.
UNWIND $rows AS r
MATCH (l:Lead {id: r.to})
SET l.pool_since = $now, l.released_by = r.by, l.released_at = $now, l.updated_at = $now
