// One lead with the fields lead management works with, and its current owner (if any).
MATCH (l:Lead {id: $id})
OPTIONAL MATCH (r:Rep)-[o:OWNS]->(l)
WHERE o.until IS NULL
RETURN l.id AS id, l.name AS name, l.status AS status, l.rating AS rating, l.score AS score,
       l.title AS title, l.industry AS industry, l.region AS region, l.employees AS employees,
       l.company_name AS company_name, l.email AS email, l.created_at AS created_at,
       l.last_activity_at AS last_activity_at, l.next_followup_at AS next_followup_at,
       l.pool_since AS pool_since, l.released_by AS released_by, l.released_at AS released_at,
       l.converted_at AS converted_at, r.id AS owner_id, r.name AS owner_name, o.since AS owner_since
ORDER BY o.since DESC
LIMIT 1
