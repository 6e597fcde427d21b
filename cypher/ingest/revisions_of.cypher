// The revisions an import batch recorded.
MATCH (v:Revision)
WHERE v.batch_id = $batch
RETURN v.label AS label, v.node_id AS node_id, v.before AS before
