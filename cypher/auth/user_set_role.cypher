// Give a user another role.
MATCH (u:User {id: $id})
SET u.role = $role, u.updated_at = $now
RETURN u.id AS id
