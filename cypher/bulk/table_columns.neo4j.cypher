// Neo4j has no fixed column order (bulk writes set property maps); nothing to return.
MATCH (n:{{label}})
RETURN keys(n) AS name
LIMIT 0
