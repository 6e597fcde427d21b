// Remove up to 10,000 nodes and their relationships; run until it deletes none (demo --reset,
// test isolation on Neo4j). Batches keep each transaction's memory bounded on a large graph.
MATCH (n)
WITH n LIMIT 10000
DETACH DELETE n
RETURN count(*) AS deleted
