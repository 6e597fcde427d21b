// Change the kind and response date of existing touchpoints (found by person, campaign and key).
UNWIND $rows AS r
MATCH (p:{{label}} {id: r.person_id})-[t:TOUCHED_BY]->(c:Campaign {id: r.campaign_id})
WHERE t.key = r.key
SET t.kind = r.kind, t.responded_at = r.responded_at
RETURN count(t) AS n
