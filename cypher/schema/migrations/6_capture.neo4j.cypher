// Migration 6: lead capture (issue 9). Neo4j needs no ALTER; constraints and indexes only. Idempotent.
CREATE CONSTRAINT webform_id IF NOT EXISTS FOR (n:WebForm) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT integration_id IF NOT EXISTS FOR (n:Integration) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT capture_id IF NOT EXISTS FOR (n:Capture) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT idempotencykey_id IF NOT EXISTS FOR (n:IdempotencyKey) REQUIRE n.id IS UNIQUE;
CREATE INDEX integration_token IF NOT EXISTS FOR (n:Integration) ON (n.token_hash);
CREATE INDEX capture_record IF NOT EXISTS FOR (n:Capture) ON (n.record_id);
