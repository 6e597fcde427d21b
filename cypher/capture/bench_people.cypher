// Benchmark support: leads with a name and an email or phone (to send again as known people).
MATCH (l:Lead)
WHERE l.name IS NOT NULL AND (l.email IS NOT NULL OR l.phone IS NOT NULL)
RETURN l.id AS id, l.name AS name, l.email AS email, l.phone AS phone, l.company_name AS company_name
LIMIT 200
