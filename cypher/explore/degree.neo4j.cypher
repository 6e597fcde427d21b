// How many relationships one node has, per direction, relationship type and neighbour label.
MATCH (a:{{label}} {id: $id})-[r]->(b)
RETURN 'out' AS dir, type(r) AS rel, labels(b)[0] AS kind, count(*) AS total
UNION ALL
MATCH (a:{{label}} {id: $id})<-[r]-(b)
RETURN 'in' AS dir, type(r) AS rel, labels(b)[0] AS kind, count(*) AS total
