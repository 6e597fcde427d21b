// The rep (if there is one) owns the new node from now.
MATCH (r:Rep {id: $owner_id})
MATCH (n:{{label}} {id: $id})
CREATE (r)-[:OWNS {since: $now, created_at: $now}]->(n)
