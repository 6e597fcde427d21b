// Open leads without a next follow-up date take the one their latest activity planned.
MATCH (a:Activity)-[:ABOUT]->(l:Lead)
WHERE a.next_at IS NOT NULL AND l.next_followup_at IS NULL AND l.status IN $open
  AND (l.last_activity_at IS NULL OR a.at >= l.last_activity_at)
SET l.next_followup_at = a.next_at
RETURN count(l) AS n
