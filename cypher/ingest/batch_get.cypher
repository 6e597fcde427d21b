// One import batch.
MATCH (b:ImportBatch {id: $id})
RETURN b.id AS id, b.kind AS kind, b.files AS files, b.source_system AS source_system, b.status AS status,
       b.counts AS counts, b.started_at AS started_at, b.finished_at AS finished_at
