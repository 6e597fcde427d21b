// The stored values of a lead, contact or company, to fill its edit form.
MATCH (n:{{label}} {id: $id})
RETURN n AS node
