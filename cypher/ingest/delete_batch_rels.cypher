// Delete every relationship a batch created.
MATCH ()-[r]->()
WHERE r.batch_id = $batch
DELETE r
