"""Read-side queries: Python functions over named Cypher files, returning typed results."""
