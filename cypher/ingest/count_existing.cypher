// How many of the given ids exist as nodes of one label.
UNWIND $ids AS id
MATCH (n:{{label}} {id: id})
RETURN count(n) AS n
