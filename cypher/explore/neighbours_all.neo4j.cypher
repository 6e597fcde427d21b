// Every neighbour of a node that usually has few (a lead, a contact, an email ...), with the
// number of parallel relationships; each direction stops at 300 rows (the caller then pages).
MATCH (a:{{label}} {id: $id})-[r]->(b)
RETURN 'out' AS dir, type(r) AS rel, labels(b)[0] AS kind, b.id AS id, count(*) AS n
LIMIT 300
UNION ALL
MATCH (a:{{label}} {id: $id})<-[r]-(b)
RETURN 'in' AS dir, type(r) AS rel, labels(b)[0] AS kind, b.id AS id, count(*) AS n
LIMIT 300
