// A lead's status history, newest first.
MATCH (l:Lead {id: $id})-[:STATUS_CHANGED]->(c:StatusChange)
RETURN c.id AS id, c.lead_id AS lead_id, c.from_status AS from_status, c.to_status AS to_status,
       c.by AS by, c.at AS at, c.reason AS reason
ORDER BY c.at DESC, c.id DESC
