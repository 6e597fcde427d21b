// Test support: every node with its label and properties.
MATCH (n)
RETURN label(n) AS label, n AS node
