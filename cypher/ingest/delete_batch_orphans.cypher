// Delete shared nodes of one label a batch created that nothing links to any more.
MATCH (n:{{label}})
WHERE n.batch_id = $batch AND NOT EXISTS { MATCH (n)--() }
DELETE n
