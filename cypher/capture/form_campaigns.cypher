// Campaigns a web-to-lead form can collect for, with the source (channel) each runs on.
MATCH (c:Campaign)
OPTIONAL MATCH (c)-[:ON_CHANNEL]->(s:Source)
RETURN c.id AS id, c.name AS name, c.status AS status, s.name AS source
ORDER BY name, id
LIMIT $limit
