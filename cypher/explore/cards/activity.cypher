// What a Activity shows on a graph or in a list (a projection: ~7x faster than whole nodes).
UNWIND $ids AS x
MATCH (n:Activity {id: x})
RETURN n.id AS id,
       n.type AS type,
       n.at AS at,
       n.outcome AS outcome,
       n.note AS note,
       n.next_at AS next_at
