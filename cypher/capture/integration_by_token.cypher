// The integration a token digest belongs to.
MATCH (i:Integration)
WHERE i.token_hash = $token_hash
RETURN i.id AS id
LIMIT 1
