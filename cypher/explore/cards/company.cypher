// What a Company shows on a graph or in a list (a projection: ~7x faster than whole nodes).
UNWIND $ids AS x
MATCH (n:Company {id: x})
RETURN n.id AS id,
       n.name AS name,
       n.domain AS domain,
       n.website AS website,
       n.industry AS industry,
       n.employees AS employees,
       n.annual_revenue AS annual_revenue,
       n.phone AS phone,
       n.city AS city,
       n.region AS region,
       n.country AS country,
       n.source_system AS source_system,
       n.external_id AS external_id
