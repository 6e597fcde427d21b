// Revisions by other batches of the given nodes (an undo must not rewind their changes).
MATCH (v:Revision)
WHERE v.batch_id <> $batch AND v.node_id IN $ids
RETURN DISTINCT v.batch_id AS batch_id
