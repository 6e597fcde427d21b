// The campaigns that touched a lead, each with how many touches it has in all.
MATCH (a:Lead {id: $id})-[:TOUCHED_BY]->(c:Campaign)
WITH DISTINCT c
MATCH (c)<-[t:TOUCHED_BY]-(:Lead)
RETURN c.id AS id, c.name AS name, count(t) AS touches
