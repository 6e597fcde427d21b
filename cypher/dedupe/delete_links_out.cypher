// Delete every outgoing relationship of the given records.
UNWIND $ids AS id
MATCH (n:{{label}} {id: id})-[r]->()
DELETE r
