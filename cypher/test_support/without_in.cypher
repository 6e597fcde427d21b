// Test support: how many nodes of one label have no incoming relationship of one type.
MATCH (n:{{label}})
WHERE NOT EXISTS { MATCH (n)<-[:{{rel}}]-() }
RETURN count(n) AS n
