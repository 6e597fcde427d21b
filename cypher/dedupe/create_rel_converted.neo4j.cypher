// Create conversions (CONVERTED_TO), for merge and unmerge.
UNWIND $rows AS r
MATCH (a:{{label_from}} {id: r.from})
MATCH (b:{{label_to}} {id: r.to})
CREATE (a)-[x:CONVERTED_TO]->(b)
SET x.at = r.at, x.batch_id = r.batch_id, x.created_at = r.created_at
