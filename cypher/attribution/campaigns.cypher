// Attribution: every campaign with its cost, dates and source channel.
MATCH (c:Campaign)
OPTIONAL MATCH (c)-[:ON_CHANNEL]->(s:Source)
RETURN c.id AS campaign, c.external_id AS external_id, c.name AS name, c.actual_cost AS cost,
       c.start_date AS start_date, c.end_date AS end_date, s.name AS source
