// Set the status of candidate pairs (pending, not_duplicate); creates the pair if it was never recorded.
UNWIND $rows AS r
MATCH (a:{{label_from}} {id: r.from})
MATCH (b:{{label_to}} {id: r.to})
MERGE (a)-[d:POSSIBLE_DUPLICATE]->(b)
ON CREATE SET d.score = 0.0, d.reasons = '[]', d.status = r.status, d.created_at = $now, d.updated_at = $now
ON MATCH SET d.status = r.status, d.updated_at = $now
