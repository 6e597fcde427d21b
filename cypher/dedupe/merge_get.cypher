// One merge's audit record (snapshot included).
MATCH (m:Merge {id: $id})
RETURN m.id AS id, m.label AS label, m.survivor_id AS survivor_id, m.absorbed AS absorbed,
       m.snapshot AS snapshot, m.by AS by, m.at AS at, m.status AS status,
       m.undone_at AS undone_at, m.undone_by AS undone_by
