// Test support: change a lead's status, with a note saying which change it was.
MATCH (l:Lead {id: $lead})
SET l.status = $status, l.description = $note, l.updated_at = $at
RETURN l.id AS id
