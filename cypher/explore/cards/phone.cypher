// What a Phone shows on a graph or in a list (a projection: ~7x faster than whole nodes).
UNWIND $ids AS x
MATCH (n:Phone {id: x})
RETURN n.id AS id
