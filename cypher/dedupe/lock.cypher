// Write-lock records at the start of a merge (Neo4j locks written nodes until commit), so a
// concurrent merge of the same record waits and then finds it merged.
UNWIND $ids AS id
MATCH (n:{{label}} {id: id})
SET n.updated_at = n.updated_at
RETURN count(n) AS n
