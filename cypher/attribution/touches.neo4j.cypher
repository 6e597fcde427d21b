// frame rows: lead, campaign, at; microseconds: at
// Attribution: every campaign touch of the leads created in [$since, $until) (all leads when $everything),
// one row per touch, sent as one list of rows per campaign (the driver's record at a time is slow).
MATCH (l:Lead)-[t:TOUCHED_BY]->(c:Campaign)
WHERE $everything OR (l.created_at >= $since AND l.created_at < $until)
WITH c, collect([l.id, c.id, CASE WHEN t.at IS NULL THEN null ELSE datetime({datetime: t.at, timezone: 'UTC'}).epochSeconds * 1000000 + datetime({datetime: t.at, timezone: 'UTC'}).microsecond END]) AS rows
RETURN rows
