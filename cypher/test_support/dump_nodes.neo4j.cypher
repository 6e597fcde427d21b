// Test support: every node with its label and properties (not the backend's lock nodes).
MATCH (n)
WHERE NOT n:GraphcrmLock
RETURN labels(n)[0] AS label, n AS node
