// Record the start of an import batch.
CREATE (b:ImportBatch {id: $id, kind: $kind, files: $files, source_system: $source_system,
                       status: 'running', counts: $counts, started_at: $now, created_at: $now, updated_at: $now})
RETURN b.id AS id
