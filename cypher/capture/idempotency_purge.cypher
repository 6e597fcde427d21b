// Forget idempotency keys older than a cut-off.
MATCH (k:IdempotencyKey)
WHERE k.created_at < $before
DELETE k
RETURN count(*) AS purged
