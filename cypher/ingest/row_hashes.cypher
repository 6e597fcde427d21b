// The row hash of each of the given nodes of one label (to tell unchanged rows from changed ones).
UNWIND $ids AS id
MATCH (n:{{label}} {id: id})
RETURN n.id AS id, n.row_hash AS row_hash
