// Every rep with the number of open leads it owns now.
MATCH (r:Rep)
OPTIONAL MATCH (r)-[o:OWNS]->(l:Lead)
WHERE o.until IS NULL AND l.status IN $open
RETURN r.id AS id, r.name AS name, r.team AS team, r.region AS region, r.active AS active,
       r.capacity AS capacity, count(l) AS open_leads
ORDER BY name, id
