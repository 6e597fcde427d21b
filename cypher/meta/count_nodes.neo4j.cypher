// Nodes per label (graphcrm gives every node exactly one label).
MATCH (n)
RETURN labels(n)[0] AS label, count(*) AS n
