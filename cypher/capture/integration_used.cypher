// When an integration last sent something.
MATCH (i:Integration {id: $id})
SET i.last_used_at = $now
RETURN i.id AS id
