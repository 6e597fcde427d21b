// How many nodes of one label there are.
MATCH (n:{{label}})
RETURN count(n) AS n
