// Create nodes, each row a property map (Neo4j has no COPY; this is bulk/create_nodes again).
// The slot below is filled only so both dialects name the same slots: {{props}}
UNWIND $rows AS row
CREATE (n:{{label}})
SET n = row
