// How a new record was captured, kept on the record itself (outside its row hash, so the same
// record sent again is recognised as unchanged).
MATCH (n:{{label}} {id: $id})
SET n.captured_via = $via, n.capture_ref = $ref
RETURN n.id AS id
