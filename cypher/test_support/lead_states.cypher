// Test support: status and description of the given leads.
UNWIND $ids AS id
MATCH (l:Lead {id: id})
RETURN l.id AS id, l.status AS status, l.description AS note
