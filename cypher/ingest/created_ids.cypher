// Ids of the nodes of one label that a batch created.
MATCH (n:{{label}})
WHERE n.batch_id = $batch
RETURN n.id AS id
