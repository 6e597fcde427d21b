// Migration 5 (first numbered 3; renumbered because databases made at version 4 would skip a 3): lead management (issue 7). Neo4j needs no ALTER; constraints and indexes only. Idempotent.
CREATE CONSTRAINT statuschange_id IF NOT EXISTS FOR (n:StatusChange) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT conversion_id IF NOT EXISTS FOR (n:Conversion) REQUIRE n.id IS UNIQUE;
CREATE INDEX lead_pool_since IF NOT EXISTS FOR (n:Lead) ON (n.pool_since);
CREATE INDEX lead_next_followup_at IF NOT EXISTS FOR (n:Lead) ON (n.next_followup_at);
