// The merge audit log, newest first (no snapshots).
MATCH (m:Merge)
RETURN m.id AS id, m.label AS label, m.survivor_id AS survivor_id, m.absorbed AS absorbed,
       m.by AS by, m.at AS at, m.status AS status, m.undone_at AS undone_at, m.undone_by AS undone_by
ORDER BY m.at DESC, m.id DESC
LIMIT $limit
