// frame rows: lead_id, at, responded; microseconds: at
// Campaign touches recent enough to earn points (older ones are worth nothing after decay),
// sent as one list of rows per campaign.
MATCH (l:Lead)-[t:TOUCHED_BY]->(c:Campaign)
WHERE t.at >= $since
WITH c, collect([l.id, CASE WHEN t.at IS NULL THEN null ELSE datetime({datetime: t.at, timezone: 'UTC'}).epochSeconds * 1000000 + datetime({datetime: t.at, timezone: 'UTC'}).microsecond END, t.responded_at IS NOT NULL]) AS rows
RETURN rows
