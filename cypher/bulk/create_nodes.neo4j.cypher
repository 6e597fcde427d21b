// Bulk-create new nodes; each row is the node's property map.
UNWIND $rows AS r
CREATE (n:{{label}})
SET n = r
