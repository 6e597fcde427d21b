// The import batch that created a record, for the record's capture history.
MATCH (b:ImportBatch {id: $id})
RETURN b.id AS id, b.files AS files, b.source_system AS source_system, b.started_at AS started_at
