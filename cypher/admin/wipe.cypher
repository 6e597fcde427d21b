// Remove every node and relationship (demo --reset, test isolation on Neo4j).
MATCH (n)
DETACH DELETE n
