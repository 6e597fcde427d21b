// One lead's campaign touches (for its score explanation).
MATCH (l:Lead {id: $id})-[t:TOUCHED_BY]->(c:Campaign)
WHERE t.at >= $since
RETURN c.name AS campaign, t.at AS at, t.responded_at IS NOT NULL AS responded
ORDER BY t.at DESC
