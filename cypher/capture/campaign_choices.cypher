// Campaigns a captured record may be linked to, newest first, with their source.
MATCH (c:Campaign)
OPTIONAL MATCH (c)-[:ON_CHANNEL]->(s:Source)
RETURN c.id AS id, c.name AS name, c.status AS status, c.start_date AS start_date, s.name AS source
ORDER BY c.start_date DESC, c.name
LIMIT 1000
