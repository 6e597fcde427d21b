// Link tombstones to their survivor (MERGED_INTO), for merge and unmerge.
UNWIND $rows AS r
MATCH (a:{{label_from}} {id: r.from})
MATCH (b:{{label_to}} {id: r.to})
CREATE (a)-[x:MERGED_INTO]->(b)
SET x.at = r.at, x.by = r.by, x.merge_id = r.merge_id, x.created_at = r.created_at
