// Path search: the neighbours of some nodes of one label over the given relationship types,
// either direction, for the nodes with at most $cap of them (a hub's are not read).
UNWIND $ids AS x
MATCH (a:{{label}} {id: x})
WHERE COUNT { (a)-[:{{rels}}]-() } <= $cap
MATCH (a)-[r:{{rels}}]-(b)
RETURN a.id AS id, type(r) AS rel, labels(b)[0] AS kind, b.id AS other
