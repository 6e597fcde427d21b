// What a Opportunity shows on a graph or in a list (a projection: ~7x faster than whole nodes).
UNWIND $ids AS x
MATCH (n:Opportunity {id: x})
RETURN n.id AS id,
       n.name AS name,
       n.stage AS stage,
       n.amount AS amount,
       n.close_date AS close_date,
       n.won AS won,
       n.company_name AS company_name,
       n.external_id AS external_id
