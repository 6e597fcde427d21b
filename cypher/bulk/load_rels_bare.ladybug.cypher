// Create a few relationships without properties from an Arrow table (c_from, c_to); see load_nodes.
LOAD FROM $rows
MATCH (a:{{label_from}} {id: c_from})
MATCH (b:{{label_to}} {id: c_to})
CREATE (a)-[:{{rel}}]->(b)
