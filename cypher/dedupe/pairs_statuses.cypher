// The status of every recorded pair between two labels (tombstones included), to keep decisions.
MATCH (a:{{label_from}})-[d:POSSIBLE_DUPLICATE]->(b:{{label_to}})
RETURN a.id AS a, b.id AS b, d.status AS status
