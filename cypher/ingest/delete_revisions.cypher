// Forget the revisions of an undone batch.
MATCH (v:Revision)
WHERE v.batch_id = $batch
DELETE v
