// Outgoing relationships of the given nodes: type, the other end and the properties.
UNWIND $ids AS id
MATCH (n:{{label}} {id: id})-[r]->(m)
RETURN n.id AS id, label(r) AS rel, label(m) AS other_label, m.id AS other_id, r AS props
