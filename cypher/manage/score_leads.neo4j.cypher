// frame rows: id, title, industry, region, country, city, employees, annual_revenue, company_name, source_system, created_at, last_activity_at, score, rating, scored_at; microseconds: created_at, last_activity_at, scored_at
// Every live lead's columns the scoring rules read, and its current score, rating and when it was
// scored, as one list of rows per rating.
MATCH (l:Lead)
WHERE NOT EXISTS { MATCH (l)-[:MERGED_INTO]->() }
WITH l.rating AS rating, collect([l.id, l.title, l.industry, l.region, l.country, l.city, l.employees,
       l.annual_revenue, l.company_name, l.source_system, CASE WHEN l.created_at IS NULL THEN null ELSE datetime({datetime: l.created_at, timezone: 'UTC'}).epochSeconds * 1000000 + datetime({datetime: l.created_at, timezone: 'UTC'}).microsecond END,
       CASE WHEN l.last_activity_at IS NULL THEN null ELSE datetime({datetime: l.last_activity_at, timezone: 'UTC'}).epochSeconds * 1000000 + datetime({datetime: l.last_activity_at, timezone: 'UTC'}).microsecond END, l.score, l.rating,
       CASE WHEN l.scored_at IS NULL THEN null ELSE datetime({datetime: l.scored_at, timezone: 'UTC'}).epochSeconds * 1000000 + datetime({datetime: l.scored_at, timezone: 'UTC'}).microsecond END]) AS rows
RETURN rows
