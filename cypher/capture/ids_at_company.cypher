// Leads or contacts working at one company: candidates for a duplicate alert.
MATCH (c:Company {id: $company})<-[:WORKS_AT]-(n:{{label}})
RETURN n.id AS id
LIMIT 300
