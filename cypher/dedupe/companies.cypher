// Companies that are not merge tombstones, with the fields deduplication compares.
MATCH (n:Company)
WHERE NOT EXISTS { MATCH (n)-[:MERGED_INTO]->() }
RETURN n.id AS id, n.external_id AS external_id, n.source_system AS source_system,
       n.name AS name, n.name_key AS name_key, n.domain AS domain, n.website AS website,
       n.phone AS phone, n.street AS street, n.city AS city, n.region AS region,
       n.postcode AS postcode, n.country AS country, n.extra AS extra,
       n.batch_id AS batch_id, n.created_at AS created_at, n.updated_at AS updated_at
