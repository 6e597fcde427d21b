// The capture history of one record, newest first.
MATCH (n:{{label}} {id: $id})-[:CAPTURED]->(c:Capture)
RETURN c.id AS id, c.method AS method, c.ref AS ref, c.by AS by, c.at AS at, c.outcome AS outcome,
       c.utm AS utm, c.fields AS fields, c.duplicates AS duplicates
ORDER BY c.at DESC, c.id DESC
LIMIT 50
