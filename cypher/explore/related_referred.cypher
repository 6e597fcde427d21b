// The leads this lead referred.
MATCH (a:Lead {id: $id})<-[:REFERRED_BY]-(o:Lead)
RETURN o.id AS id
