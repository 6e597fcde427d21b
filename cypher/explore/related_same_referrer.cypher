// Other leads referred by whoever (a lead or a contact) referred this lead.
// (Separate queries rather than one UNION: LadybugDB 0.22 mixes up columns in some UNIONs of 3+ branches.)
MATCH (a:Lead {id: $id})-[:REFERRED_BY]->(p:{{label_via}})
MATCH (p)<-[:REFERRED_BY]-(o:Lead)
WHERE o.id <> $id
RETURN o.id AS id, p.id AS via
