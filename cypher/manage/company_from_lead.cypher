// A new company from the lead's company fields.
MATCH (l:Lead {id: $lead_id})
CREATE (c:Company {id: $company_id, source_system: 'graphcrm', name: $name, name_key: l.company_key,
                   website: l.website, industry: l.industry, employees: l.employees,
                   annual_revenue: l.annual_revenue, city: l.city, region: l.region, country: l.country,
                   created_at: $now, updated_at: $now})
