// The stored answer to an earlier request with the same idempotency key.
MATCH (k:IdempotencyKey {id: $id})
RETURN k.request_hash AS request_hash, k.status AS status, k.response AS response, k.created_at AS created_at
