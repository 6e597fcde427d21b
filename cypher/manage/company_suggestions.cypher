// The company a lead works at.
MATCH (l:Lead {id: $id})-[:WORKS_AT]->(c:Company)
RETURN c.id AS id, c.name AS name, c.industry AS industry, c.city AS city
ORDER BY c.name, c.id
