// Test support: someone edits an opportunity.
MATCH (o:Opportunity {id: $id})
SET o.stage = 'Negotiation/Review', o.updated_at = $now
