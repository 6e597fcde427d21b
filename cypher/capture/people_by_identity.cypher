// Leads or contacts (not merge tombstones) linked to one identity node (an Email or a Phone):
// the exact matches a duplicate alert shows first.
MATCH (i:{{label_to}} {id: $key})<-[:{{rel}}]-(n:{{label}})
WHERE NOT EXISTS { MATCH (n)-[:MERGED_INTO]->() }
RETURN n.id AS id, n.first_name AS first_name, n.last_name AS last_name, n.name AS name,
       n.name_key AS name_key, n.pinyin_key AS pinyin_key, n.email AS email, n.phone AS phone,
       n.mobile AS mobile, n.company_key AS company_key, n.company_name AS company_name,
       n.street AS street, n.city AS city, n.postcode AS postcode, n.extra AS extra, n.status AS status
LIMIT 50
