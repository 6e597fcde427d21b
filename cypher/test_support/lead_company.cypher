// Test support: a lead's typed properties and its company.
MATCH (l:Lead {id: $id})-[:WORKS_AT]->(c:Company)
RETURN l.name AS name, l.employees AS employees, l.score AS score, l.created_at AS created_at, c.name AS company
