// Test support: the names of the given leads.
UNWIND $ids AS id
MATCH (l:Lead {id: id})
RETURN l.id AS id, l.name AS name
