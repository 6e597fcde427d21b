// Migration 2: the Merge audit node (one per merge; unmerge marks it undone). Idempotent.
CREATE NODE TABLE IF NOT EXISTS Merge(
    id STRING,
    label STRING,
    survivor_id STRING,
    absorbed STRING,
    snapshot STRING,
    by STRING,
    at TIMESTAMP,
    status STRING,
    undone_at TIMESTAMP,
    undone_by STRING,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    PRIMARY KEY(id)
);
