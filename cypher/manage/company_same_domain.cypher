// Companies sharing the lead's email/web domain.
MATCH (l:Lead {id: $id})-[:HAS_DOMAIN]->(:Domain)<-[:HAS_DOMAIN]-(c:Company)
RETURN DISTINCT c.id AS id, c.name AS name, c.industry AS industry, c.city AS city
ORDER BY c.name, c.id
LIMIT 20
