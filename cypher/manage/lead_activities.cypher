// A lead's latest activities, newest first, with the rep who logged each. The limit comes before
// the optional rep lookup: on LadybugDB that keeps it a few ms instead of a scan of LOGGED.
MATCH (l:Lead {id: $id})
MATCH (a:Activity)-[:ABOUT]->(l)
WITH a
ORDER BY a.at DESC, a.id DESC
LIMIT $limit
OPTIONAL MATCH (r:Rep)-[:LOGGED]->(a)
RETURN a.id AS id, a.type AS type, a.at AS at, a.outcome AS outcome, a.note AS note, a.next_at AS next_at,
       r.id AS rep_id, r.name AS rep_name
ORDER BY at DESC, id DESC
