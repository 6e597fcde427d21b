// Every open lead with a current owner: when it was last worked and since when it is owned.
MATCH (r:Rep)-[o:OWNS]->(l:Lead)
WHERE o.until IS NULL AND l.status IN $open
RETURN l.id AS id, l.status AS status, l.last_activity_at AS last_activity_at, r.id AS owner_id,
       o.since AS owner_since
