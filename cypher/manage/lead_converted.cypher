// The lead is converted now.
MATCH (l:Lead {id: $id})
SET l.converted_at = $now
