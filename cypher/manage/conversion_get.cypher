// One conversion record.
MATCH (c:Conversion {id: $id})
RETURN c.id AS id, c.lead_id AS lead_id, c.contact_id AS contact_id, c.company_id AS company_id,
       c.company_created AS company_created, c.opportunity_id AS opportunity_id, c.lead_before AS lead_before,
       c.by AS by, c.at AS at, c.status AS status
