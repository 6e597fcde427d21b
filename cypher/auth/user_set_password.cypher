// Replace a user's password hash.
MATCH (u:User {id: $id})
SET u.password_hash = $password_hash, u.updated_at = $now
RETURN u.id AS id
