"""Named Cypher queries, one file each (read by graphcrm.registry)."""
