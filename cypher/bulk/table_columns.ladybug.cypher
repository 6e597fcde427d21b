// The columns of a node table in the order the database stores them (a migration's ALTER adds
// columns at the end, so this can differ from the schema file): COPY matches columns by position.
CALL table_info('{{label}}') RETURN *
