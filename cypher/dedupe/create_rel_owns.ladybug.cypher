// Create ownerships (OWNS) with their period, for merge and unmerge.
UNWIND $rows AS r
MATCH (a:{{label_from}} {id: r.from})
MATCH (b:{{label_to}} {id: r.to})
CREATE (a)-[x:OWNS]->(b)
SET x.since = CAST(r.since AS TIMESTAMP), x.until = CAST(r.until AS TIMESTAMP), x.batch_id = r.batch_id, x.created_at = CAST(r.created_at AS TIMESTAMP)
