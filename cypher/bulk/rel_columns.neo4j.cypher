// Neo4j has no fixed column order (bulk writes set property maps); nothing to return.
MATCH ()-[r:{{rel}}]->()
RETURN keys(r) AS name
LIMIT 0
