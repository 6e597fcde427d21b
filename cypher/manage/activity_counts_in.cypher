// How many follow-ups were logged on each of the leads among $ids.
UNWIND $ids AS x
MATCH (a:Activity)-[:ABOUT]->(l:Lead {id: x})
RETURN l.id AS lead_id, count(a) AS n
