// Create relationships without properties (Neo4j has no COPY; see bulk/create_rels).
UNWIND $rows AS r
MATCH (a:{{label_from}} {id: r.from})
MATCH (b:{{label_to}} {id: r.to})
CREATE (a)-[:{{rel}}]->(b)
