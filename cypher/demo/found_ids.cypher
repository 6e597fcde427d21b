// How many of the given ids a primary-key lookup finds (the demo loader's check
// that bulk loads kept every index entry: LadybugDB issue #583).
UNWIND $ids AS id
MATCH (n:{{label}} {id: id})
RETURN count(n) AS n
