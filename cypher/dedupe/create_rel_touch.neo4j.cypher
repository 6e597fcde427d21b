// Create touchpoints (TOUCHED_BY) with all their properties, for merge and unmerge.
UNWIND $rows AS r
MATCH (a:{{label_from}} {id: r.from})
MATCH (b:{{label_to}} {id: r.to})
CREATE (a)-[x:TOUCHED_BY]->(b)
SET x.key = r.key, x.at = r.at, x.kind = r.kind, x.responded_at = r.responded_at,
    x.batch_id = r.batch_id, x.created_at = r.created_at
