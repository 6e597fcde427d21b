// Companies (not merge tombstones) that may be the one being entered: the same node id (same
// normalised name), the same domain, or a name key starting the same way.
MATCH (n:Company)
WHERE (n.id = $id OR n.domain = $domain OR n.name_key STARTS WITH $prefix)
  AND NOT EXISTS { MATCH (n)-[:MERGED_INTO]->() }
RETURN n.id AS id, n.name AS name, n.name_key AS name_key, n.domain AS domain, n.website AS website,
       n.phone AS phone, n.street AS street, n.city AS city, n.postcode AS postcode, n.extra AS extra
LIMIT 100
