// Open leads with no current owner that are not in the pool, oldest first, with what rules look at.
MATCH (l:Lead)
WHERE l.status IN $open AND l.pool_since IS NULL
  AND NOT EXISTS { MATCH (:Rep)-[o:OWNS]->(l) WHERE o.until IS NULL }
  AND NOT EXISTS { MATCH (l)-[:MERGED_INTO]->() }
OPTIONAL MATCH (l)-[:FROM_SOURCE]->(s:Source)
RETURN l.id AS id, l.name AS name, l.region AS region, l.industry AS industry, l.score AS score,
       l.employees AS employees, s.name AS source
ORDER BY l.created_at, l.id
