// A lead's conversion still in force (the Conversion record keeps the lead id: no index needed on
// LadybugDB because the lead's CONVERTED_TO contact leads to it through contact_id).
MATCH (l:Lead {id: $lead_id})-[:CONVERTED_TO]->(ct:Contact)
MATCH (c:Conversion)
WHERE c.contact_id = ct.id AND c.status = 'done'
RETURN c.id AS id, c.contact_id AS contact_id, c.company_id AS company_id, c.opportunity_id AS opportunity_id,
       c.at AS at
ORDER BY c.at DESC
LIMIT 1
