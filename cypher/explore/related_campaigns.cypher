// Other leads touched by the same campaigns (of $campaigns: the lead's campaigns that are not
// crowded), most shared touches first, with the campaigns (repeated when touched repeatedly).
// Literal LIMIT: see related_sharing.
MATCH (a:Lead {id: $id})-[:TOUCHED_BY]->(c:Campaign)
WHERE c.id IN $campaigns
MATCH (c)<-[:TOUCHED_BY]-(o:Lead)
WHERE o.id <> $id
RETURN o.id AS id, count(*) AS shared, collect(c.id) AS via
ORDER BY shared DESC, id
LIMIT 200
