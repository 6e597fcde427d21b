// Clear the overdue flag where it no longer holds (follow-up moved, lead closed).
MATCH (l:Lead)
WHERE l.followup_overdue = true AND (l.next_followup_at IS NULL OR l.next_followup_at >= $now OR NOT l.status IN $open)
SET l.followup_overdue = false
RETURN count(l) AS n
