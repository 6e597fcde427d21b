// Unmerge: give leads back the time their score was computed (None clears).
UNWIND $rows AS r
MATCH (l:Lead {id: r.id})
SET l.scored_at = r.scored_at
