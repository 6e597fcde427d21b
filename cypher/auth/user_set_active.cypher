// Enable or disable a user.
MATCH (u:User {id: $id})
SET u.active = $active, u.updated_at = $now
RETURN u.id AS id
