// Other leads linked to one shared node (an email, phone, company, domain, contact or referrer) by the same
// relationship type. LIMIT is a literal on purpose: a parameter LIMIT makes LadybugDB 0.22 ~10x slower.
MATCH (x:{{label_via}} {id: $via})<-[:{{rel}}]-(o:Lead)
WHERE o.id <> $id
RETURN o.id AS id
LIMIT 500
