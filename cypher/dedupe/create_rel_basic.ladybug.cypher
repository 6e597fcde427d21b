// Create relationships that carry only bookkeeping (WORKS_AT, HAS_EMAIL, ...), for merge and unmerge.
UNWIND $rows AS r
MATCH (a:{{label_from}} {id: r.from})
MATCH (b:{{label_to}} {id: r.to})
CREATE (a)-[x:{{rel}}]->(b)
SET x.batch_id = r.batch_id, x.created_at = CAST(r.created_at AS TIMESTAMP)
