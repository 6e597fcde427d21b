// A rep's open leads with what "my day" and the lead list sort and filter by.
MATCH (r:Rep {id: $rep})-[o:OWNS]->(l:Lead)
WHERE o.until IS NULL AND l.status IN $open AND NOT EXISTS { MATCH (l)-[:MERGED_INTO]->() }
RETURN l.id AS id, l.name AS name, l.company_name AS company_name, l.title AS title, l.status AS status,
       l.rating AS rating, l.score AS score, l.last_activity_at AS last_activity_at,
       l.next_followup_at AS next_followup_at, l.followup_overdue AS followup_overdue, o.since AS owner_since
