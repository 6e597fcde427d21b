// The nodes of one label with the given ids (properties included).
UNWIND $ids AS id
MATCH (n:{{label}} {id: id})
RETURN n.id AS id, n AS node
