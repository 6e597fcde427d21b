// One metadata value (schema version, settings) by key.
MATCH (m:Meta {id: $id})
RETURN m.value AS value
