// Unmerge: give leads back the time their score was computed (None clears; CAST types a column of Nones).
UNWIND $rows AS r
MATCH (l:Lead {id: r.id})
SET l.scored_at = CAST(r.scored_at AS TIMESTAMP)
