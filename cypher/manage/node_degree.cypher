// How many relationships a node has.
MATCH (n:{{label}} {id: $id})
OPTIONAL MATCH (n)-[r]-()
RETURN count(r) AS n
