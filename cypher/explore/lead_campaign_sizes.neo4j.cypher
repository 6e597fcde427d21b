// The campaigns that touched a lead, each with how many touches it has in all (a relationship
// count Neo4j keeps per node: no touch is read).
MATCH (a:Lead {id: $id})-[:TOUCHED_BY]->(c:Campaign)
WITH DISTINCT c
RETURN c.id AS id, c.name AS name, COUNT { (c)<-[:TOUCHED_BY]-() } AS touches
