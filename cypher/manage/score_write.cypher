// Write back recomputed scores and ratings.
UNWIND $rows AS r
MATCH (l:Lead {id: r.id})
SET l.score = r.score, l.rating = r.rating, l.updated_at = $now
