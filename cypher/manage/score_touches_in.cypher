// The campaign touches of the leads among $ids recent enough to earn points.
UNWIND $ids AS x
MATCH (l:Lead {id: x})-[t:TOUCHED_BY]->(:Campaign)
WHERE t.at >= $since
RETURN l.id AS lead_id, t.at AS at, t.responded_at IS NOT NULL AS responded
