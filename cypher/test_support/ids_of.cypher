// Test support: the id of every node of one label.
MATCH (n:{{label}})
RETURN n.id AS id
