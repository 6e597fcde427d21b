// Create a few relationships from an Arrow table: c_from, c_to, then the properties prefixed "c_"
// (see load_nodes for why not COPY).
LOAD FROM $rows
MATCH (a:{{label_from}} {id: c_from})
MATCH (b:{{label_to}} {id: c_to})
CREATE (a)-[:{{rel}} { {{props}} }]->(b)
