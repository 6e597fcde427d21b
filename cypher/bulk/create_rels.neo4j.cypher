// Bulk-create relationships; each row is {from, to, props}.
UNWIND $rows AS r
MATCH (a:{{label_from}} {id: r.from})
MATCH (b:{{label_to}} {id: r.to})
CREATE (a)-[x:{{rel}}]->(b)
SET x = r.props
