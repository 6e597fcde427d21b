// frame rows: lead, rep, name
// Funnel: the rep who owns each lead now (an OWNS link without an end), one list of rows per rep.
MATCH (r:Rep)-[o:OWNS]->(l:Lead)
WHERE o.until IS NULL
WITH r, collect([l.id, r.id, r.name]) AS rows
RETURN rows
