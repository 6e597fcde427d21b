// The properties of a relationship table in the order the database stores them (see table_columns).
CALL table_info('{{rel}}') RETURN *
