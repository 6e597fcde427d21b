// Nodes per label (graphcrm gives every node exactly one label; the backend's lock nodes are not data).
MATCH (n)
WHERE NOT n:GraphcrmLock
RETURN labels(n)[0] AS label, count(*) AS n
