// Test support: log a follow-up (an Activity about a lead), as the follow-up feature will.
MATCH (l:Lead {id: $lead})
CREATE (a:Activity {id: $id, type: 'call', at: $at, note: $note, batch_id: $batch, created_at: $at, updated_at: $at})
CREATE (a)-[:ABOUT {batch_id: $batch, created_at: $at}]->(l)
RETURN a.id AS id
