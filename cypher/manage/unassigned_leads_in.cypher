// The leads among $ids that are open, have no current owner and are not in the pool, with what rules
// look at (one read for a whole intake batch; the caller puts them back in its order).
MATCH (l:Lead)
WHERE l.id IN $ids AND l.status IN $open AND l.pool_since IS NULL
  AND NOT EXISTS { MATCH (:Rep)-[o:OWNS]->(l) WHERE o.until IS NULL }
  AND NOT EXISTS { MATCH (l)-[:MERGED_INTO]->() }
OPTIONAL MATCH (l)-[:FROM_SOURCE]->(s:Source)
RETURN l.id AS id, l.name AS name, l.region AS region, l.industry AS industry, l.score AS score,
       l.employees AS employees, s.name AS source
