// Set a lead's canonical status.
MATCH (l:Lead {id: $id})
SET l.status = $status, l.updated_at = $now
