// A campaign and the source (channel) it runs on, for a capture that touches it.
MATCH (c:Campaign {id: $id})
OPTIONAL MATCH (c)-[:ON_CHANNEL]->(s:Source)
RETURN c.id AS id, c.name AS name, s.name AS source
LIMIT 1
