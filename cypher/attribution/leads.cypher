// Attribution and funnel: the leads created in [$since, $until) (all leads when $everything),
// with their status and the source they came from.
MATCH (l:Lead)
WHERE ($everything OR (l.created_at >= $since AND l.created_at < $until)) AND NOT EXISTS { MATCH (l)-[:MERGED_INTO]->() }
OPTIONAL MATCH (l)-[:FROM_SOURCE]->(s:Source)
RETURN l.id AS lead, l.created_at AS created_at, l.status AS status, s.name AS source
