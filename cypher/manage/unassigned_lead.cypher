// One lead, if it is open, has no current owner and is not in the pool, with what rules look at.
MATCH (l:Lead {id: $id})
WHERE l.status IN $open AND l.pool_since IS NULL
  AND NOT EXISTS { MATCH (:Rep)-[o:OWNS]->(l) WHERE o.until IS NULL }
OPTIONAL MATCH (l)-[:FROM_SOURCE]->(s:Source)
RETURN l.id AS id, l.name AS name, l.region AS region, l.industry AS industry, l.score AS score,
       l.employees AS employees, s.name AS source
LIMIT 1
