// Put back the lead values a conversion changed.
MATCH (l:Lead {id: $id})
SET l.status = $status, l.converted_at = $converted_at, l.updated_at = $updated_at
