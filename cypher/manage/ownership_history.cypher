// Every ownership a lead had, oldest first.
MATCH (l:Lead {id: $id})
MATCH (r:Rep)-[o:OWNS]->(l)
RETURN r.id AS rep_id, r.name AS rep_name, o.since AS since, o.until AS until
ORDER BY o.since, r.id
