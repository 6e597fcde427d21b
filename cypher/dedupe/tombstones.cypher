// Which of the given records are merge tombstones already, and into what.
UNWIND $ids AS id
MATCH (n:{{label}} {id: id})-[m:MERGED_INTO]->(s)
RETURN n.id AS id, s.id AS survivor, m.merge_id AS merge_id
