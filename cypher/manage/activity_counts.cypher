// How many follow-ups were logged on each lead.
MATCH (a:Activity)-[:ABOUT]->(l:Lead)
RETURN l.id AS lead_id, count(a) AS n
