// How one record was captured: a Capture node linked from the record.
MATCH (n:{{label}} {id: $record_id})
CREATE (c:Capture {id: $id, label: $record_label, record_id: $record_id, method: $method, ref: $ref, by: $by,
                   at: $at, outcome: $outcome, utm: $utm, fields: $fields, duplicates: $duplicates,
                   created_at: $at, updated_at: $at})
CREATE (n)-[:CAPTURED {created_at: $at}]->(c)
RETURN c.id AS id
