// Flag open leads whose next follow-up has passed.
MATCH (l:Lead)
WHERE l.next_followup_at < $now AND l.status IN $open AND (l.followup_overdue IS NULL OR l.followup_overdue = false)
  AND NOT EXISTS { MATCH (l)-[:MERGED_INTO]->() }
SET l.followup_overdue = true
RETURN count(l) AS n
