// A new user; the caller checks the name is free first (inside the same transaction).
CREATE (u:User {id: $id, name: $name, role: $role, password_hash: $password_hash, rep_id: $rep_id,
                active: true, created_at: $now, updated_at: $now})
RETURN u.id AS id
