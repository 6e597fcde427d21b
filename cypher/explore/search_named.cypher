// Campaigns, sources or reps whose name contains the text.
MATCH (n:{{label}})
WHERE lower(n.name) CONTAINS $text
RETURN n.id AS id, n.name AS name, NULL AS email, NULL AS phone,
       NULL AS company, NULL AS status, NULL AS rating
LIMIT $limit
