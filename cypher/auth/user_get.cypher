// One user by id (the lowercased name).
MATCH (u:User {id: $id})
RETURN u.id AS id, u.name AS name, u.role AS role, u.password_hash AS password_hash,
       u.token_hash AS token_hash, u.rep_id AS rep_id, u.active AS active, u.last_login_at AS last_login_at,
       u.created_at AS created_at
