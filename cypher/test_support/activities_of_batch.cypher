// Test support: the activities of one batch and the lead each is about.
MATCH (a:Activity)-[:ABOUT]->(l:Lead)
WHERE a.batch_id = $batch
RETURN a.id AS id, l.id AS lead
