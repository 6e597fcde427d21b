// Mark a merge undone (the audit record stays).
MATCH (m:Merge {id: $id})
SET m.status = 'undone', m.undone_at = $now, m.undone_by = $by, m.updated_at = $now
RETURN m.id AS id
