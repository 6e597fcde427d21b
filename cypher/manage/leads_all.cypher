// Every lead (of one status unless $status is '') with its current owner, for `graphcrm leads list`.
MATCH (l:Lead)
WHERE ($status = '' OR l.status = $status) AND NOT EXISTS { MATCH (l)-[:MERGED_INTO]->() }
OPTIONAL MATCH (r:Rep)-[o:OWNS]->(l)
WHERE o.until IS NULL
RETURN l.id AS id, l.name AS name, l.company_name AS company_name, l.status AS status, l.rating AS rating,
       l.score AS score, l.last_activity_at AS last_activity_at, l.next_followup_at AS next_followup_at,
       l.followup_overdue AS followup_overdue, l.pool_since AS pool_since, r.id AS owner_id, r.name AS owner_name
