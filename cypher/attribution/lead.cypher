// Attribution: one lead (for its journey page).
MATCH (l:Lead {id: $id})
RETURN l.id AS lead, l.name AS name, l.company_name AS company, l.created_at AS created_at, l.status AS status
