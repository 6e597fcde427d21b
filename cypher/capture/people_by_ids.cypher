// The fields a duplicate alert compares, for leads or contacts by id (merge tombstones left out).
// One primary-key lookup per id.
UNWIND $ids AS wanted
MATCH (n:{{label}} {id: wanted})
WHERE NOT EXISTS { MATCH (n)-[:MERGED_INTO]->() }
RETURN n.id AS id, n.first_name AS first_name, n.last_name AS last_name, n.name AS name,
       n.name_key AS name_key, n.pinyin_key AS pinyin_key, n.email AS email, n.phone AS phone,
       n.mobile AS mobile, n.company_key AS company_key, n.company_name AS company_name,
       n.street AS street, n.city AS city, n.postcode AS postcode, n.extra AS extra, n.status AS status
