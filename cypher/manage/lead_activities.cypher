// A lead's activities, newest first, with the rep who logged each.
MATCH (a:Activity)-[:ABOUT]->(l:Lead {id: $id})
OPTIONAL MATCH (r:Rep)-[:LOGGED]->(a)
RETURN a.id AS id, a.type AS type, a.at AS at, a.outcome AS outcome, a.note AS note, a.next_at AS next_at,
       r.id AS rep_id, r.name AS rep_name
ORDER BY a.at DESC, a.id DESC
LIMIT $limit
