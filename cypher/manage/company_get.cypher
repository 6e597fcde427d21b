// One company.
MATCH (c:Company {id: $id})
RETURN c.id AS id, c.name AS name
