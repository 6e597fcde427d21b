// Existing touchpoints of the given leads or contacts, by touch key.
UNWIND $ids AS id
MATCH (p:{{label}} {id: id})-[t:TOUCHED_BY]->(c:Campaign)
RETURN t.key AS key, t.kind AS kind, t.responded_at AS responded_at, p.id AS person_id, c.id AS campaign_id
