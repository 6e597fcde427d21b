// Every ownership a lead had, oldest first.
MATCH (r:Rep)-[o:OWNS]->(l:Lead {id: $id})
RETURN r.id AS rep_id, r.name AS rep_name, o.since AS since, o.until AS until
ORDER BY o.since, r.id
