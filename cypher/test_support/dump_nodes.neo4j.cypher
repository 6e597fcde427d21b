// Test support: every node with its label and properties.
MATCH (n)
RETURN labels(n)[0] AS label, n AS node
