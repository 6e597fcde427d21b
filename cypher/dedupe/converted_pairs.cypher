// Leads and the contacts they converted to: the same person by design, never duplicates.
MATCH (l:Lead)-[:CONVERTED_TO]->(c:Contact)
RETURN l.id AS a, c.id AS b
