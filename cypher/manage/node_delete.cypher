// Delete a node and its relationships (used only by conversion undo, on nodes it created).
MATCH (n:{{label}} {id: $id})
DETACH DELETE n
