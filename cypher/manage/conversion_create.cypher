// The record of a conversion: what it created and what undo needs.
CREATE (c:Conversion {id: $conversion_id, lead_id: $lead_id, contact_id: $contact_id, company_id: $company_id,
                      company_created: $company_created, opportunity_id: $opportunity_id,
                      lead_before: $lead_before, by: $by, at: $now, status: 'done', created_at: $now,
                      updated_at: $now})
