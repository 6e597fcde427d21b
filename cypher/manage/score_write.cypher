// Write back recomputed scores and ratings, and when they were computed (the explanation's "as of").
UNWIND $rows AS r
MATCH (l:Lead {id: r.id})
SET l.score = r.score, l.rating = r.rating, l.scored_at = $now, l.updated_at = $now
