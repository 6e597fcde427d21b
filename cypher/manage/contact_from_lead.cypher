// A contact copied from the lead, working at the company, converted from the lead, owned like it.
MATCH (l:Lead {id: $lead_id})
MATCH (co:Company {id: $company_id})
CREATE (c:Contact {id: $contact_id, source_system: 'graphcrm', first_name: l.first_name, last_name: l.last_name,
                   name: l.name, name_key: l.name_key, pinyin_key: l.pinyin_key, title: l.title, email: l.email,
                   phone: l.phone, mobile: l.mobile, website: l.website, company_name: co.name,
                   company_key: co.name_key, industry: l.industry, employees: l.employees,
                   annual_revenue: l.annual_revenue, street: l.street, city: l.city, region: l.region,
                   postcode: l.postcode, country: l.country, description: l.description, converted_at: $now,
                   created_at: $now, updated_at: $now})
CREATE (c)-[:WORKS_AT {created_at: $now}]->(co)
CREATE (l)-[:CONVERTED_TO {at: $now, created_at: $now}]->(c)
