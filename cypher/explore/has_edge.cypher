// Whether a relationship of one type points from node a to node b.
MATCH (a:{{label}} {id: $a})-[r:{{rel}}]->(b:{{label_to}})
WHERE b.id = $b
RETURN count(*) AS n
