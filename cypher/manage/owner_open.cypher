// Start an ownership: rep r.rep owns lead r.lead from now; the lead leaves the pool.
UNWIND $rows AS r
MATCH (p:Rep {id: r.rep})
MATCH (l:Lead {id: r.lead})
CREATE (p)-[:OWNS {since: $now, created_at: $now}]->(l)
SET l.assigned_at = $now, l.pool_since = NULL, l.updated_at = $now
