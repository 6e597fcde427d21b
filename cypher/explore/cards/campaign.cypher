// What a Campaign shows on a graph or in a list (a projection: ~7x faster than whole nodes).
UNWIND $ids AS x
MATCH (n:Campaign {id: x})
RETURN n.id AS id,
       n.name AS name,
       n.type AS type,
       n.status AS status,
       n.start_date AS start_date,
       n.end_date AS end_date,
       n.budgeted_cost AS budgeted_cost,
       n.actual_cost AS actual_cost,
       n.external_id AS external_id
