// Relationships made by other batches that touch nodes of one label created by this batch.
MATCH (n:{{label}})-[r]-()
WHERE n.batch_id = $batch AND r.batch_id IS NOT NULL AND r.batch_id <> $batch
RETURN DISTINCT r.batch_id AS batch_id
