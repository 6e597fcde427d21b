// The active user holding an API token (by the token's hash).
MATCH (u:User)
WHERE u.token_hash = $token_hash AND u.active
RETURN u.id AS id
