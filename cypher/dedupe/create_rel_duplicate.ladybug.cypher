// Create candidate pairs (POSSIBLE_DUPLICATE) as they were, for unmerge.
UNWIND $rows AS r
MATCH (a:{{label_from}} {id: r.from})
MATCH (b:{{label_to}} {id: r.to})
CREATE (a)-[x:POSSIBLE_DUPLICATE]->(b)
SET x.score = r.score, x.reasons = r.reasons, x.status = r.status,
    x.created_at = CAST(r.created_at AS TIMESTAMP), x.updated_at = CAST(r.updated_at AS TIMESTAMP)
