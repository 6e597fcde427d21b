// How many follow-ups were logged on one lead.
MATCH (l:Lead {id: $id})
MATCH (a:Activity)-[:ABOUT]->(l)
RETURN count(a) AS n
