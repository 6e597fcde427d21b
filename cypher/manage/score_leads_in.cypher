// The scoring columns of the leads among $ids (a few leads rescored after a write).
UNWIND $ids AS x
MATCH (l:Lead {id: x})
RETURN l.id AS id, l.title AS title, l.industry AS industry, l.region AS region, l.country AS country,
       l.city AS city, l.employees AS employees, l.annual_revenue AS annual_revenue,
       l.company_name AS company_name, l.source_system AS source_system, l.created_at AS created_at,
       l.last_activity_at AS last_activity_at, l.score AS score, l.rating AS rating, l.scored_at AS scored_at
