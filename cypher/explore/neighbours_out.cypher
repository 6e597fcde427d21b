// One page of a node's outgoing neighbours of one relationship type and label (storage order).
MATCH (a:{{label}} {id: $id})-[r:{{rel}}]->(b:{{label_to}})
RETURN DISTINCT b.id AS id
SKIP $skip LIMIT $limit
