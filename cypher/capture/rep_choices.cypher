// Active reps by name, for the owner picker.
MATCH (r:Rep)
WHERE r.active IS NULL OR r.active
RETURN r.id AS id, r.name AS name, r.team AS team
ORDER BY r.name
LIMIT 2000
