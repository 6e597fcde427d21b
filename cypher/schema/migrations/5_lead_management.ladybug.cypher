// Migration 5 (first numbered 3; renumbered because databases made at version 4 would skip a 3): lead management (issue 7): pool and follow-up fields on Lead, status history,
// conversion records. Independent of migration 2 (dedupe); every statement is idempotent.
ALTER TABLE Lead ADD IF NOT EXISTS pool_since TIMESTAMP;
ALTER TABLE Lead ADD IF NOT EXISTS released_by STRING;
ALTER TABLE Lead ADD IF NOT EXISTS released_at TIMESTAMP;
ALTER TABLE Lead ADD IF NOT EXISTS assigned_at TIMESTAMP;
ALTER TABLE Lead ADD IF NOT EXISTS next_followup_at TIMESTAMP;
ALTER TABLE Lead ADD IF NOT EXISTS followup_overdue BOOLEAN;
CREATE NODE TABLE IF NOT EXISTS StatusChange(
    id STRING,
    lead_id STRING,
    from_status STRING,
    to_status STRING,
    by STRING,
    at TIMESTAMP,
    reason STRING,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    PRIMARY KEY(id)
);
CREATE NODE TABLE IF NOT EXISTS Conversion(
    id STRING,
    lead_id STRING,
    contact_id STRING,
    company_id STRING,
    company_created BOOLEAN,
    opportunity_id STRING,
    lead_before STRING,
    by STRING,
    at TIMESTAMP,
    status STRING,
    undone_at TIMESTAMP,
    undone_by STRING,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    PRIMARY KEY(id)
);
CREATE REL TABLE IF NOT EXISTS STATUS_CHANGED(
    FROM Lead TO StatusChange,
    created_at TIMESTAMP
);
