// Replace a user's API token hash (null revokes it).
MATCH (u:User {id: $id})
SET u.token_hash = $token_hash, u.updated_at = $now
RETURN u.id AS id
