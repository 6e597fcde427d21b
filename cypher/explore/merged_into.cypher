// Where a merged-away record went: the record it was merged into (of one label), and the merge.
MATCH (n:{{label}} {id: $id})-[m:MERGED_INTO]->(s:{{label_to}})
RETURN s.id AS id, s.name AS name, m.merge_id AS merge_id, m.at AS at, m.by AS by
