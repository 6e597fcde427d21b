// Import batches, newest first.
MATCH (b:ImportBatch)
RETURN b.id AS id, b.kind AS kind, b.files AS files, b.source_system AS source_system, b.status AS status,
       b.counts AS counts, b.started_at AS started_at, b.finished_at AS finished_at
ORDER BY b.started_at DESC
LIMIT $limit
