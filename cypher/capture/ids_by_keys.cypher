// Leads or contacts with the same name key or pinyin key (李桂花 and "Guihua Li" share the pinyin
// key) or the same company key: candidates for a duplicate alert. A scan (no secondary index on
// the embedded database) that returns ids only: projecting the columns in the scan costs 3x.
MATCH (n:{{label}})
WHERE n.name_key = $name_key OR n.pinyin_key = $pinyin_key OR n.company_key = $company_key
RETURN n.id AS id
LIMIT 300
