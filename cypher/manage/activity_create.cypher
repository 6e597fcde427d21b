// Log a follow-up: Rep-LOGGED->Activity-ABOUT->Lead; the lead remembers when it was last worked
// and when the next follow-up is due (no longer overdue).
MATCH (p:Rep {id: $rep_id})
MATCH (l:Lead {id: $lead_id})
CREATE (a:Activity {id: $activity_id, source_system: 'graphcrm', type: $type, at: $now, outcome: $outcome,
                    note: $note, next_at: $next_at, created_at: $now, updated_at: $now})
CREATE (p)-[:LOGGED {created_at: $now}]->(a)
CREATE (a)-[:ABOUT {created_at: $now}]->(l)
SET l.last_activity_at = $now, l.next_followup_at = $next_at, l.followup_overdue = false, l.updated_at = $now
