// The rep a user works as, by the rep's id, name or email (case-insensitive).
MATCH (r:Rep)
WHERE r.id = $key OR lower(r.name) = lower($key) OR lower(r.email) = lower($key)
RETURN r.id AS id, r.name AS name
