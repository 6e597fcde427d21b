// Remember the answer to a request sent with an idempotency key.
CREATE (k:IdempotencyKey {id: $id, integration_id: $integration_id, request_hash: $request_hash,
                          status: $status, response: $response, created_at: $now, updated_at: $now})
RETURN k.id AS id
