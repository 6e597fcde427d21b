// graphcrm graph model, LadybugDB DDL. This file is also the whitelist of labels,
// relationship types and property names (graphcrm.model parses it), so keep one
// statement per table and one property per line.
CREATE NODE TABLE IF NOT EXISTS Lead(
    id STRING,
    external_id STRING,
    source_system STRING,
    first_name STRING,
    last_name STRING,
    name STRING,
    name_key STRING,
    pinyin_key STRING,
    title STRING,
    email STRING,
    phone STRING,
    mobile STRING,
    website STRING,
    company_name STRING,
    company_key STRING,
    industry STRING,
    employees INT64,
    annual_revenue DOUBLE,
    street STRING,
    city STRING,
    region STRING,
    postcode STRING,
    country STRING,
    status STRING,
    status_original STRING,
    rating STRING,
    rating_original STRING,
    score DOUBLE,
    description STRING,
    converted_at TIMESTAMP,
    last_activity_at TIMESTAMP,
    pool_since TIMESTAMP,
    released_by STRING,
    released_at TIMESTAMP,
    assigned_at TIMESTAMP,
    next_followup_at TIMESTAMP,
    followup_overdue BOOLEAN,
    scored_at TIMESTAMP,
    captured_via STRING,
    capture_ref STRING,
    extra STRING,
    row_hash STRING,
    batch_id STRING,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    PRIMARY KEY(id)
);
CREATE NODE TABLE IF NOT EXISTS Contact(
    id STRING,
    external_id STRING,
    source_system STRING,
    first_name STRING,
    last_name STRING,
    name STRING,
    name_key STRING,
    pinyin_key STRING,
    title STRING,
    email STRING,
    phone STRING,
    mobile STRING,
    website STRING,
    company_name STRING,
    company_key STRING,
    industry STRING,
    employees INT64,
    annual_revenue DOUBLE,
    street STRING,
    city STRING,
    region STRING,
    postcode STRING,
    country STRING,
    status STRING,
    status_original STRING,
    rating STRING,
    rating_original STRING,
    score DOUBLE,
    description STRING,
    converted_at TIMESTAMP,
    last_activity_at TIMESTAMP,
    captured_via STRING,
    capture_ref STRING,
    extra STRING,
    row_hash STRING,
    batch_id STRING,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    PRIMARY KEY(id)
);
CREATE NODE TABLE IF NOT EXISTS Company(
    id STRING,
    external_id STRING,
    source_system STRING,
    name STRING,
    name_key STRING,
    domain STRING,
    website STRING,
    industry STRING,
    employees INT64,
    annual_revenue DOUBLE,
    phone STRING,
    street STRING,
    city STRING,
    region STRING,
    postcode STRING,
    country STRING,
    description STRING,
    captured_via STRING,
    capture_ref STRING,
    extra STRING,
    row_hash STRING,
    batch_id STRING,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    PRIMARY KEY(id)
);
CREATE NODE TABLE IF NOT EXISTS Source(
    id STRING,
    name STRING,
    channel STRING,
    batch_id STRING,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    PRIMARY KEY(id)
);
CREATE NODE TABLE IF NOT EXISTS Campaign(
    id STRING,
    external_id STRING,
    source_system STRING,
    name STRING,
    type STRING,
    status STRING,
    start_date DATE,
    end_date DATE,
    budgeted_cost DOUBLE,
    actual_cost DOUBLE,
    description STRING,
    extra STRING,
    row_hash STRING,
    batch_id STRING,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    PRIMARY KEY(id)
);
CREATE NODE TABLE IF NOT EXISTS Rep(
    id STRING,
    external_id STRING,
    source_system STRING,
    name STRING,
    email STRING,
    phone STRING,
    region STRING,
    team STRING,
    capacity INT64,
    active BOOLEAN,
    extra STRING,
    row_hash STRING,
    batch_id STRING,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    PRIMARY KEY(id)
);
CREATE NODE TABLE IF NOT EXISTS Opportunity(
    id STRING,
    external_id STRING,
    source_system STRING,
    name STRING,
    company_name STRING,
    stage STRING,
    amount DOUBLE,
    close_date DATE,
    won BOOLEAN,
    extra STRING,
    row_hash STRING,
    batch_id STRING,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    PRIMARY KEY(id)
);
CREATE NODE TABLE IF NOT EXISTS Activity(
    id STRING,
    external_id STRING,
    source_system STRING,
    type STRING,
    at TIMESTAMP,
    outcome STRING,
    note STRING,
    next_at TIMESTAMP,
    extra STRING,
    row_hash STRING,
    batch_id STRING,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    PRIMARY KEY(id)
);
CREATE NODE TABLE IF NOT EXISTS Email(
    id STRING,
    batch_id STRING,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    PRIMARY KEY(id)
);
CREATE NODE TABLE IF NOT EXISTS Phone(
    id STRING,
    batch_id STRING,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    PRIMARY KEY(id)
);
CREATE NODE TABLE IF NOT EXISTS Domain(
    id STRING,
    batch_id STRING,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    PRIMARY KEY(id)
);
CREATE NODE TABLE IF NOT EXISTS ImportBatch(
    id STRING,
    kind STRING,
    files STRING,
    source_system STRING,
    status STRING,
    counts STRING,
    started_at TIMESTAMP,
    finished_at TIMESTAMP,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    PRIMARY KEY(id)
);
CREATE NODE TABLE IF NOT EXISTS Revision(
    id STRING,
    batch_id STRING,
    label STRING,
    node_id STRING,
    before STRING,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    PRIMARY KEY(id)
);
CREATE NODE TABLE IF NOT EXISTS User(
    id STRING,
    name STRING,
    role STRING,
    password_hash STRING,
    token_hash STRING,
    rep_id STRING,
    active BOOLEAN,
    last_login_at TIMESTAMP,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    PRIMARY KEY(id)
);
CREATE NODE TABLE IF NOT EXISTS Meta(
    id STRING,
    value STRING,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    PRIMARY KEY(id)
);
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
CREATE REL TABLE IF NOT EXISTS WORKS_AT(
    FROM Lead TO Company,
    FROM Contact TO Company,
    batch_id STRING,
    created_at TIMESTAMP
);
CREATE REL TABLE IF NOT EXISTS HAS_DOMAIN(
    FROM Company TO Domain,
    FROM Lead TO Domain,
    FROM Contact TO Domain,
    batch_id STRING,
    created_at TIMESTAMP
);
CREATE REL TABLE IF NOT EXISTS HAS_EMAIL(
    FROM Lead TO Email,
    FROM Contact TO Email,
    batch_id STRING,
    created_at TIMESTAMP
);
CREATE REL TABLE IF NOT EXISTS HAS_PHONE(
    FROM Lead TO Phone,
    FROM Contact TO Phone,
    FROM Company TO Phone,
    batch_id STRING,
    created_at TIMESTAMP
);
CREATE REL TABLE IF NOT EXISTS FROM_SOURCE(
    FROM Lead TO Source,
    FROM Contact TO Source,
    batch_id STRING,
    created_at TIMESTAMP
);
CREATE REL TABLE IF NOT EXISTS ON_CHANNEL(
    FROM Campaign TO Source,
    batch_id STRING,
    created_at TIMESTAMP
);
CREATE REL TABLE IF NOT EXISTS TOUCHED_BY(
    FROM Lead TO Campaign,
    FROM Contact TO Campaign,
    key STRING,
    at TIMESTAMP,
    kind STRING,
    responded_at TIMESTAMP,
    batch_id STRING,
    created_at TIMESTAMP
);
CREATE REL TABLE IF NOT EXISTS OWNS(
    FROM Rep TO Lead,
    FROM Rep TO Contact,
    FROM Rep TO Opportunity,
    FROM Rep TO Company,
    since TIMESTAMP,
    until TIMESTAMP,
    batch_id STRING,
    created_at TIMESTAMP
);
CREATE REL TABLE IF NOT EXISTS REFERRED_BY(
    FROM Lead TO Lead,
    FROM Lead TO Contact,
    FROM Contact TO Contact,
    FROM Contact TO Lead,
    batch_id STRING,
    created_at TIMESTAMP
);
CREATE REL TABLE IF NOT EXISTS CONVERTED_TO(
    FROM Lead TO Contact,
    FROM Lead TO Opportunity,
    at TIMESTAMP,
    batch_id STRING,
    created_at TIMESTAMP
);
CREATE REL TABLE IF NOT EXISTS FOR_COMPANY(
    FROM Opportunity TO Company,
    batch_id STRING,
    created_at TIMESTAMP
);
CREATE REL TABLE IF NOT EXISTS LOGGED(
    FROM Rep TO Activity,
    batch_id STRING,
    created_at TIMESTAMP
);
CREATE REL TABLE IF NOT EXISTS ABOUT(
    FROM Activity TO Lead,
    FROM Activity TO Contact,
    FROM Activity TO Opportunity,
    batch_id STRING,
    created_at TIMESTAMP
);
CREATE REL TABLE IF NOT EXISTS POSSIBLE_DUPLICATE(
    FROM Lead TO Lead,
    FROM Contact TO Contact,
    FROM Company TO Company,
    FROM Lead TO Contact,
    score DOUBLE,
    reasons STRING,
    status STRING,
    created_at TIMESTAMP,
    updated_at TIMESTAMP
);
CREATE REL TABLE IF NOT EXISTS MERGED_INTO(
    FROM Lead TO Lead,
    FROM Contact TO Contact,
    FROM Company TO Company,
    FROM Lead TO Contact,
    at TIMESTAMP,
    by STRING,
    merge_id STRING,
    created_at TIMESTAMP
);
CREATE REL TABLE IF NOT EXISTS STATUS_CHANGED(
    FROM Lead TO StatusChange,
    created_at TIMESTAMP
);
CREATE REL TABLE IF NOT EXISTS CAPTURED(
    FROM Lead TO Capture,
    FROM Contact TO Capture,
    FROM Company TO Capture,
    created_at TIMESTAMP
);
