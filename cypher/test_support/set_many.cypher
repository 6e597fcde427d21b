// Test support: write many metadata values in one UNWIND (exercises write_batch).
UNWIND $rows AS r
MERGE (m:Meta {id: r.id})
ON CREATE SET m.value = r.value, m.created_at = $now, m.updated_at = $now
ON MATCH SET m.value = r.value, m.updated_at = $now
