// Other leads touched by the same campaigns (of $campaigns: the lead's campaigns that are not
// crowded), most shared touches first, with the campaigns (repeated when touched repeatedly).
// Grouped by node, its id read only for the 200 kept: reading o.id and c.id on each of 50,000
// shared-touch rows tripled the time (174 -> 63 ms).
MATCH (a:Lead {id: $id})-[:TOUCHED_BY]->(c:Campaign)
WHERE c.id IN $campaigns
MATCH (c)<-[:TOUCHED_BY]-(o:Lead)
WHERE o <> a
WITH o, count(*) AS shared, collect(c) AS campaigns
ORDER BY shared DESC, elementId(o)
LIMIT 200
RETURN o.id AS id, shared, [x IN campaigns | x.id] AS via
