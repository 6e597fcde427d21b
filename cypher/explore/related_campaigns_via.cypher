// Which campaigns this lead shares with each of the candidate leads.
MATCH (a:Lead {id: $id})-[:TOUCHED_BY]->(c:Campaign)<-[:TOUCHED_BY]-(o:Lead)
WHERE o.id IN $candidates
RETURN DISTINCT o.id AS id, c.id AS via
