// One status history entry, linked from its lead.
MATCH (l:Lead {id: $lead_id})
CREATE (c:StatusChange {id: $change_id, lead_id: $lead_id, from_status: $from_status, to_status: $to_status,
                        by: $by, at: $at, reason: $reason, created_at: $at, updated_at: $at})
CREATE (l)-[:STATUS_CHANGED {created_at: $at}]->(c)
