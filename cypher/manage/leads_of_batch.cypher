// The leads an import batch wrote, or gave touches or follow-ups (their scores follow).
MATCH (l:Lead)
WHERE l.batch_id = $batch
RETURN l.id AS id
UNION
MATCH (l:Lead)-[t:TOUCHED_BY]->(:Campaign)
WHERE t.batch_id = $batch
RETURN l.id AS id
UNION
MATCH (a:Activity)-[:ABOUT]->(l:Lead)
WHERE a.batch_id = $batch
RETURN l.id AS id
