// Path search: which of some nodes of one label have more than $cap relationships of the given types.
UNWIND $ids AS x
MATCH (a:{{label}} {id: x})
WITH a, COUNT { (a)-[:{{rels}}]-() } AS degree
WHERE degree > $cap
RETURN a.id AS id, degree
