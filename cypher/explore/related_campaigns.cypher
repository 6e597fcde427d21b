// Other leads touched by the same campaigns, most shared campaigns first.
MATCH (a:Lead {id: $id})-[:TOUCHED_BY]->(c:Campaign)<-[:TOUCHED_BY]-(o:Lead)
WHERE o.id <> $id
RETURN o.id AS id, count(DISTINCT c.id) AS shared
ORDER BY shared DESC, id
LIMIT $limit
