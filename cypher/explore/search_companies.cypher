// Live companies (not merged away) whose name, normalised key, domain or phone contains the text.
MATCH (n:Company)
WHERE (lower(n.name) CONTAINS $text
   OR n.name_key CONTAINS $text
   OR n.domain CONTAINS $text
   OR ($digits <> '' AND n.phone CONTAINS $digits))
  AND NOT EXISTS { MATCH (n)-[:MERGED_INTO]->() }
RETURN n.id AS id, n.name AS name, n.domain AS email, n.phone AS phone,
       n.industry AS company, NULL AS status, NULL AS rating
LIMIT $limit
