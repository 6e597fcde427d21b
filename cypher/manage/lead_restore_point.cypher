// The lead values a conversion changes (kept so undo restores them).
MATCH (l:Lead {id: $id})
RETURN l.status AS status, l.converted_at AS converted_at, l.updated_at AS updated_at
