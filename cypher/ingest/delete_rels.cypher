// Delete relationships of one type between the given pairs of nodes.
UNWIND $rows AS r
MATCH (a:{{label_from}} {id: r.from})-[x:{{rel}}]->(b:{{label_to}} {id: r.to})
DELETE x
