// frame rows: lead, created_at, status, source; microseconds: created_at
// Attribution and funnel: the live leads created in [$since, $until) (all when $everything), with
// their status and the source they came from, as one list of rows per source. A lead merged into
// another is counted once, as the survivor.
MATCH (l:Lead)
WHERE ($everything OR (l.created_at >= $since AND l.created_at < $until))
  AND NOT EXISTS { MATCH (l)-[:MERGED_INTO]->() }
OPTIONAL MATCH (l)-[:FROM_SOURCE]->(s:Source)
WITH s, collect([l.id, CASE WHEN l.created_at IS NULL THEN null ELSE datetime({datetime: l.created_at, timezone: 'UTC'}).epochSeconds * 1000000 + datetime({datetime: l.created_at, timezone: 'UTC'}).microsecond END, l.status, s.name]) AS rows
RETURN rows
