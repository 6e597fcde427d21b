// frame rows: id, title, industry, region, country, city, employees, annual_revenue, company_name, source_system, created_at, last_activity_at, score, rating; microseconds: created_at, last_activity_at
// Every lead's columns the scoring rules read, and its current score and rating, as one list of rows per rating.
MATCH (l:Lead)
WITH l.rating AS rating, collect([l.id, l.title, l.industry, l.region, l.country, l.city, l.employees,
       l.annual_revenue, l.company_name, l.source_system, CASE WHEN l.created_at IS NULL THEN null ELSE datetime({datetime: l.created_at, timezone: 'UTC'}).epochSeconds * 1000000 + datetime({datetime: l.created_at, timezone: 'UTC'}).microsecond END,
       CASE WHEN l.last_activity_at IS NULL THEN null ELSE datetime({datetime: l.last_activity_at, timezone: 'UTC'}).epochSeconds * 1000000 + datetime({datetime: l.last_activity_at, timezone: 'UTC'}).microsecond END, l.score, l.rating]) AS rows
RETURN rows
