// Migration 7: a lead's one current score (issue 20): when it was scored, so its explanation is
// given as of that time and adds up to the stored score. Idempotent.
ALTER TABLE Lead ADD IF NOT EXISTS scored_at TIMESTAMP;
