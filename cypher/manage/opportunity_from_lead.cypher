// An opportunity for the company, converted from the lead.
MATCH (l:Lead {id: $lead_id})
MATCH (co:Company {id: $company_id})
CREATE (o:Opportunity {id: $opportunity_id, source_system: 'graphcrm', name: $name, company_name: co.name,
                       stage: $stage, amount: $amount, close_date: $close_date, won: false,
                       created_at: $now, updated_at: $now})
CREATE (o)-[:FOR_COMPANY {created_at: $now}]->(co)
CREATE (l)-[:CONVERTED_TO {at: $now, created_at: $now}]->(o)
