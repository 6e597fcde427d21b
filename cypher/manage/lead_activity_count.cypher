// How many follow-ups were logged on one lead.
MATCH (a:Activity)-[:ABOUT]->(l:Lead {id: $id})
RETURN count(a) AS n
