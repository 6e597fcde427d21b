// Leads or contacts that are not merge tombstones, with the fields deduplication compares.
MATCH (n:{{label}})
WHERE NOT EXISTS { MATCH (n)-[:MERGED_INTO]->() }
RETURN n.id AS id, n.first_name AS first_name, n.last_name AS last_name, n.name AS name,
       n.name_key AS name_key, n.pinyin_key AS pinyin_key,
       n.email AS email, n.phone AS phone, n.mobile AS mobile, n.company_key AS company_key,
       n.street AS street, n.city AS city, n.postcode AS postcode,
       n.extra AS extra, n.created_at AS created_at, n.updated_at AS updated_at
