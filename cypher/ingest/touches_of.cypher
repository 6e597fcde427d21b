// Existing touchpoints of the given leads or contacts: key, kind and response date.
UNWIND $ids AS id
MATCH (p:{{label}} {id: id})-[t:TOUCHED_BY]->(:Campaign)
RETURN t.key AS key, t.kind AS kind, t.responded_at AS responded_at
