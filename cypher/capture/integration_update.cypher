// Switch an integration on or off, or give it a new token digest.
MATCH (i:Integration {id: $id})
SET i.active = $active, i.token_hash = coalesce($token_hash, i.token_hash), i.updated_at = $now
RETURN i.id AS id
