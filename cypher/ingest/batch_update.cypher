// Update an import batch's status and counts.
MATCH (b:ImportBatch {id: $id})
SET b.status = $status, b.counts = $counts, b.finished_at = $now, b.updated_at = $now
RETURN b.id AS id
