// Other leads that share a node with this lead through the same relationship type
// (a company, an email, a phone, a domain, a converted contact).
MATCH (a:Lead {id: $id})-[:{{rel}}]->(x:{{label_via}})
MATCH (x)<-[:{{rel}}]-(o:Lead)
WHERE o.id <> $id
RETURN DISTINCT o.id AS id, x.id AS via
LIMIT $limit
