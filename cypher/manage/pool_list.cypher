// Open leads in the pool, longest-waiting first.
MATCH (l:Lead)
WHERE l.pool_since IS NOT NULL AND l.status IN $open AND NOT EXISTS { MATCH (l)-[:MERGED_INTO]->() }
OPTIONAL MATCH (p:Rep {id: l.released_by})
RETURN l.id AS id, l.name AS name, l.company_name AS company_name, l.status AS status, l.rating AS rating,
       l.score AS score, l.region AS region, l.pool_since AS pool_since, l.released_by AS released_by,
       l.released_at AS released_at, p.name AS released_by_name, l.last_activity_at AS last_activity_at
ORDER BY l.pool_since, l.id
SKIP $offset
LIMIT $limit
