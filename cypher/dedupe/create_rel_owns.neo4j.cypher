// Create ownerships (OWNS) with their period, for merge and unmerge.
UNWIND $rows AS r
MATCH (a:{{label_from}} {id: r.from})
MATCH (b:{{label_to}} {id: r.to})
CREATE (a)-[x:OWNS]->(b)
SET x.since = r.since, x.until = r.until, x.batch_id = r.batch_id, x.created_at = r.created_at
