// Attribution: every campaign touch of one lead, with the campaign and its source channel.
MATCH (l:Lead {id: $id})-[t:TOUCHED_BY]->(c:Campaign)
OPTIONAL MATCH (c)-[:ON_CHANNEL]->(s:Source)
RETURN l.id AS lead, c.id AS campaign, c.external_id AS external_id, c.name AS name, c.actual_cost AS cost,
       c.start_date AS start_date, c.end_date AS end_date, s.name AS source, t.at AS at, t.kind AS kind
