// Keep what an import changed, so the batch can be undone.
UNWIND $rows AS r
CREATE (v:Revision {id: r.id, batch_id: r.batch_id, label: r.label, node_id: r.node_id, before: r.before,
                    created_at: $now, updated_at: $now})
