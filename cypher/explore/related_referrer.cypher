// The lead that referred this lead.
MATCH (a:Lead {id: $id})-[:REFERRED_BY]->(o:Lead)
RETURN o.id AS id
