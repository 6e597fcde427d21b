// Attribution: every lead converted to an opportunity, when, and what the opportunity brought.
// The conversion time falls back to the opportunity's creation when the link has none.
MATCH (l:Lead)-[r:CONVERTED_TO]->(o:Opportunity)
RETURN l.id AS lead, coalesce(r.at, o.created_at) AS at, o.amount AS amount, o.won AS won
