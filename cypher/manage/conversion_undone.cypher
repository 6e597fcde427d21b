// Mark a conversion undone.
MATCH (c:Conversion {id: $id})
SET c.status = 'undone', c.undone_at = $now, c.undone_by = $by, c.updated_at = $now
