// Campaign touches recent enough to earn points (older ones are worth nothing after decay).
MATCH (l:Lead)-[t:TOUCHED_BY]->(:Campaign)
WHERE t.at >= $since
RETURN l.id AS lead_id, t.at AS at, t.responded_at IS NOT NULL AS responded
