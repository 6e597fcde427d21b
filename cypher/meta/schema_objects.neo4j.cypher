// The indexes the database holds, by name: plain ones and those backing uniqueness constraints
// (such an index has its constraint's name).
SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name
