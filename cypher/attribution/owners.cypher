// Funnel: the rep who owns each lead now (an OWNS link without an end).
MATCH (r:Rep)-[o:OWNS]->(l:Lead)
WHERE o.until IS NULL
RETURN l.id AS lead, r.id AS rep, r.name AS name
