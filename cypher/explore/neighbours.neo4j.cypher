// Every neighbour of one node through the given relationship types; parallel relationships (repeated touches) become one row with n.
MATCH (a:{{label}} {id: $id})-[r:{{rels}}]->(b)
RETURN 'out' AS dir, type(r) AS rel, labels(b)[0] AS kind, b.id AS id, count(*) AS n
UNION ALL
MATCH (a:{{label}} {id: $id})<-[r:{{rels}}]-(b)
RETURN 'in' AS dir, type(r) AS rel, labels(b)[0] AS kind, b.id AS id, count(*) AS n
