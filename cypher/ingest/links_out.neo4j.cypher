// Outgoing relationships of the given nodes: type, the other end and the properties.
UNWIND $ids AS id
MATCH (n:{{label}} {id: id})-[r]->(m)
RETURN n.id AS id, type(r) AS rel, labels(m)[0] AS other_label, m.id AS other_id, properties(r) AS props
