// Test support: every relationship with its ends and properties.
MATCH (a)-[r]->(b)
RETURN a.id AS src, label(r) AS type, b.id AS dst, r AS rel
