// Start an ownership: rep r.from owns lead r.to from now; the lead leaves the pool.
UNWIND $rows AS r
MATCH (p:Rep {id: r.from})
MATCH (l:Lead {id: r.to})
CREATE (p)-[:OWNS {since: $now, created_at: $now}]->(l)
SET l.assigned_at = $now, l.pool_since = NULL, l.updated_at = $now
