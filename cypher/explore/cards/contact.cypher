// What a Contact shows on a graph or in a list (a projection: ~7x faster than whole nodes).
UNWIND $ids AS x
MATCH (n:Contact {id: x})
RETURN n.id AS id,
       n.name AS name,
       n.first_name AS first_name,
       n.last_name AS last_name,
       n.title AS title,
       n.company_name AS company_name,
       n.email AS email,
       n.phone AS phone,
       n.mobile AS mobile,
       n.industry AS industry,
       n.city AS city,
       n.region AS region,
       n.country AS country,
       n.source_system AS source_system,
       n.external_id AS external_id,
       n.created_at AS created_at
