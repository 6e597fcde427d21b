// frame rows: lead, created_at, status, source; microseconds: created_at
// Attribution and funnel: the leads created in [$since, $until) (all leads when $everything),
// with their status and the source they came from, sent as one list of rows per source.
MATCH (l:Lead)
WHERE $everything OR (l.created_at >= $since AND l.created_at < $until)
OPTIONAL MATCH (l)-[:FROM_SOURCE]->(s:Source)
WITH s, collect([l.id, CASE WHEN l.created_at IS NULL THEN null ELSE datetime({datetime: l.created_at, timezone: 'UTC'}).epochSeconds * 1000000 + datetime({datetime: l.created_at, timezone: 'UTC'}).microsecond END, l.status, s.name]) AS rows
RETURN rows
