// When a node was last updated.
MATCH (n:{{label}} {id: $id})
RETURN n.updated_at AS updated_at
