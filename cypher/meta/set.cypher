// Create or update one metadata value.
MERGE (m:Meta {id: $id})
ON CREATE SET m.value = $value, m.created_at = $now, m.updated_at = $now
ON MATCH SET m.value = $value, m.updated_at = $now
RETURN m.value AS value
