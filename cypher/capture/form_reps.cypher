// Active reps a web-to-lead form can hand its new leads to.
MATCH (r:Rep)
WHERE coalesce(r.active, true)
RETURN r.id AS id, r.name AS name
ORDER BY name, id
LIMIT $limit
