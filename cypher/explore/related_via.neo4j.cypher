// What this lead has that other leads can share: its email, phone, company, domain, converted
// contact, referrer and campaigns.
MATCH (a:Lead {id: $id})-[r:HAS_EMAIL|HAS_PHONE|WORKS_AT|HAS_DOMAIN|CONVERTED_TO|REFERRED_BY|TOUCHED_BY]->(x)
RETURN DISTINCT type(r) AS rel, labels(x)[0] AS kind, x.id AS via
