// Migration 7: a lead's one current score (issue 20). Neo4j needs no ALTER for scored_at; the lists
// sort by score. Idempotent.
CREATE INDEX lead_score IF NOT EXISTS FOR (n:Lead) ON (n.score);
