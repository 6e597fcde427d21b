// What a Source shows on a graph or in a list (a projection: ~7x faster than whole nodes).
UNWIND $ids AS x
MATCH (n:Source {id: x})
RETURN n.id AS id,
       n.name AS name,
       n.channel AS channel
