// Test support: every relationship with its ends and properties.
MATCH (a)-[r]->(b)
RETURN a.id AS src, type(r) AS type, b.id AS dst, properties(r) AS rel
