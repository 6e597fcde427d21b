// What a Rep shows on a graph or in a list (a projection: ~7x faster than whole nodes).
UNWIND $ids AS x
MATCH (n:Rep {id: x})
RETURN n.id AS id,
       n.name AS name,
       n.email AS email,
       n.team AS team,
       n.region AS region,
       n.capacity AS capacity
