// Attribution: the opportunities one lead was converted to.
MATCH (l:Lead {id: $id})-[r:CONVERTED_TO]->(o:Opportunity)
RETURN l.id AS lead, coalesce(r.at, o.created_at) AS at, o.amount AS amount, o.won AS won, o.name AS opportunity
