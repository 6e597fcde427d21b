// Create touchpoints (TOUCHED_BY) with all their properties, for merge and unmerge.
UNWIND $rows AS r
MATCH (a:{{label_from}} {id: r.from})
MATCH (b:{{label_to}} {id: r.to})
CREATE (a)-[x:TOUCHED_BY]->(b)
SET x.key = r.key, x.at = CAST(r.at AS TIMESTAMP), x.kind = r.kind, x.responded_at = CAST(r.responded_at AS TIMESTAMP),
    x.batch_id = r.batch_id, x.created_at = CAST(r.created_at AS TIMESTAMP)
