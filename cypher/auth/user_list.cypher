// Every user, by name.
MATCH (u:User)
RETURN u.id AS id, u.name AS name, u.role AS role, u.rep_id AS rep_id, u.active AS active,
       u.token_hash IS NOT NULL AS has_token, u.last_login_at AS last_login_at, u.created_at AS created_at
ORDER BY u.id
