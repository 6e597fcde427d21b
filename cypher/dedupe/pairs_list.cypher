// Every recorded candidate pair between two labels, with its score, reasons and status.
MATCH (a:{{label_from}})-[d:POSSIBLE_DUPLICATE]->(b:{{label_to}})
WHERE NOT EXISTS { MATCH (a)-[:MERGED_INTO]->() } AND NOT EXISTS { MATCH (b)-[:MERGED_INTO]->() }
RETURN a.id AS a, b.id AS b, d.score AS score, d.reasons AS reasons, d.status AS status
