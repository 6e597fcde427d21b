// The uniqueness constraints the database holds, by name.
SHOW CONSTRAINTS YIELD name, type WHERE type = 'UNIQUENESS' RETURN name
