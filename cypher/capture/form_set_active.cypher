// Switch a web-to-lead form on or off (an inactive form's public page is a 404).
MATCH (f:WebForm {id: $id})
SET f.active = $active, f.updated_at = $now
RETURN f.id AS id
