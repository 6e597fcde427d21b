// Attribution: every campaign touch of the leads created in [$since, $until) (all leads when $everything),
// one row per touch; journeys are built from these columns in pandas.
MATCH (l:Lead)-[t:TOUCHED_BY]->(c:Campaign)
WHERE $everything OR (l.created_at >= $since AND l.created_at < $until)
RETURN l.id AS lead, c.id AS campaign, t.at AS at
