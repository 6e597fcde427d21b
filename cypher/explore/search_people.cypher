// Live leads or contacts (not merged away) whose name, email, phone, company or pinyin key contains the text.
// $text is lowercase; $compact is $text without spaces; $digits the text's digits ('' if too few).
MATCH (n:{{label}})
WHERE (lower(n.name) CONTAINS $text
   OR n.email CONTAINS $text
   OR n.pinyin_key CONTAINS $compact
   OR lower(n.company_name) CONTAINS $text
   OR ($digits <> '' AND (n.phone CONTAINS $digits OR n.mobile CONTAINS $digits)))
  AND NOT EXISTS { MATCH (n)-[:MERGED_INTO]->() }
RETURN n.id AS id, n.name AS name, n.email AS email, n.phone AS phone,
       n.company_name AS company, n.status AS status, n.rating AS rating
LIMIT $limit
