// Delete touchpoints by person, campaign and key (a person may have several touches of one campaign).
UNWIND $rows AS r
MATCH (p:{{label}} {id: r.from})-[t:TOUCHED_BY]->(c:Campaign {id: r.to})
WHERE t.key = r.key
DELETE t
