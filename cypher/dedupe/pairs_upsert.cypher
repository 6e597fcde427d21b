// Record candidate pairs; a pair seen before keeps its status (an admin's "not a duplicate" sticks).
UNWIND $rows AS r
MATCH (a:{{label_from}} {id: r.from})
MATCH (b:{{label_to}} {id: r.to})
MERGE (a)-[d:POSSIBLE_DUPLICATE]->(b)
ON CREATE SET d.score = r.score, d.reasons = r.reasons, d.status = 'pending', d.created_at = $now, d.updated_at = $now
ON MATCH SET d.score = r.score, d.reasons = r.reasons, d.updated_at = $now
