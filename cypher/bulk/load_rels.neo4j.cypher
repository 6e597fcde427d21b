// Create relationships, each row {from, to, props} (Neo4j has no COPY; this is bulk/create_rels again).
// The slot below is filled only so both dialects name the same slots: {{props}}
UNWIND $rows AS r
MATCH (a:{{label_from}} {id: r.from})
MATCH (b:{{label_to}} {id: r.to})
CREATE (a)-[x:{{rel}}]->(b)
SET x = r.props
