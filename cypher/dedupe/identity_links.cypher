// Which records of one label link to which nodes of another over one relationship type
// (Email, Phone, Domain, Company): two records linked to the same node are candidate duplicates.
MATCH (n:{{label}})-[:{{rel}}]->(i:{{label_to}})
RETURN n.id AS id, i.id AS key
