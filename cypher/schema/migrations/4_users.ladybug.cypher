// Migration 4: users who sign in (rep, analyst, admin). Idempotent.
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
