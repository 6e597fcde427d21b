// Record a successful sign-in.
MATCH (u:User {id: $id})
SET u.last_login_at = $now
RETURN u.id AS id
