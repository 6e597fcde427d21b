// Migration 6: lead capture (issue 9): how each record was captured, web-to-lead forms, API integrations,
// idempotency keys and capture records. Every statement is idempotent.
ALTER TABLE Lead ADD IF NOT EXISTS captured_via STRING;
ALTER TABLE Lead ADD IF NOT EXISTS capture_ref STRING;
ALTER TABLE Contact ADD IF NOT EXISTS captured_via STRING;
ALTER TABLE Contact ADD IF NOT EXISTS capture_ref STRING;
ALTER TABLE Company ADD IF NOT EXISTS captured_via STRING;
ALTER TABLE Company ADD IF NOT EXISTS capture_ref STRING;
CREATE NODE TABLE IF NOT EXISTS WebForm(
    id STRING,
    name STRING,
    campaign_id STRING,
    source_name STRING,
    fields STRING,
    required STRING,
    thank_you STRING,
    language STRING,
    region STRING,
    owner_id STRING,
    active BOOLEAN,
    created_by STRING,
    submissions INT64,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    PRIMARY KEY(id)
);
CREATE NODE TABLE IF NOT EXISTS Integration(
    id STRING,
    name STRING,
    token_hash STRING,
    source_name STRING,
    campaign_id STRING,
    region STRING,
    active BOOLEAN,
    created_by STRING,
    last_used_at TIMESTAMP,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    PRIMARY KEY(id)
);
CREATE NODE TABLE IF NOT EXISTS Capture(
    id STRING,
    label STRING,
    record_id STRING,
    method STRING,
    ref STRING,
    by STRING,
    at TIMESTAMP,
    outcome STRING,
    utm STRING,
    fields STRING,
    duplicates STRING,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    PRIMARY KEY(id)
);
CREATE NODE TABLE IF NOT EXISTS IdempotencyKey(
    id STRING,
    integration_id STRING,
    request_hash STRING,
    status INT64,
    response STRING,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    PRIMARY KEY(id)
);
CREATE REL TABLE IF NOT EXISTS CAPTURED(
    FROM Lead TO Capture,
    FROM Contact TO Capture,
    FROM Company TO Capture,
    created_at TIMESTAMP
);
