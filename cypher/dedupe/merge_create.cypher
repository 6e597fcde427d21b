// The audit record of one merge, with the snapshot unmerge restores from.
CREATE (m:Merge {id: $id})
SET m.label = $kind, m.survivor_id = $survivor_id, m.absorbed = $absorbed, m.snapshot = $snapshot,
    m.by = $by, m.at = $at, m.status = 'merged', m.created_at = $at, m.updated_at = $at
RETURN m.id AS id
