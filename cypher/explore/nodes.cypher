// Nodes of one label by id (primary-key lookups).
UNWIND $ids AS x
MATCH (n:{{label}} {id: x})
RETURN n
