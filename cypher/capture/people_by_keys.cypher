// Leads or contacts (not merge tombstones) with the same name key or pinyin key (李桂花 and
// "Guihua Li" share the pinyin key) or the same company key: candidates for a duplicate alert.
// A scan: there is no secondary index on the embedded database, and the label's table is read once.
MATCH (n:{{label}})
WHERE (n.name_key = $name_key OR n.pinyin_key = $pinyin_key OR n.company_key = $company_key)
  AND NOT EXISTS { MATCH (n)-[:MERGED_INTO]->() }
RETURN n.id AS id, n.first_name AS first_name, n.last_name AS last_name, n.name AS name,
       n.name_key AS name_key, n.pinyin_key AS pinyin_key, n.email AS email, n.phone AS phone,
       n.mobile AS mobile, n.company_key AS company_key, n.company_name AS company_name,
       n.street AS street, n.city AS city, n.postcode AS postcode, n.extra AS extra, n.status AS status
LIMIT 300
