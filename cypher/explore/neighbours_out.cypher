// One page of a node's outgoing neighbours of one relationship type and label, in id order:
// storage order is not stable between queries, and "more" pages must neither repeat nor skip a node.
MATCH (a:{{label}} {id: $id})-[r:{{rel}}]->(b:{{label_to}})
RETURN DISTINCT b.id AS id
ORDER BY id
SKIP $skip LIMIT $limit
