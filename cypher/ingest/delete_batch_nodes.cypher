// Delete the nodes of one label a batch created, with their relationships.
MATCH (n:{{label}})
WHERE n.batch_id = $batch
DETACH DELETE n
