// The node tables the database holds (what stands for the Neo4j constraints here).
CALL show_tables() WHERE type = 'NODE' RETURN name
