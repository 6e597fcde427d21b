"""Find and merge duplicate leads, contacts and companies: candidates, scores, clusters, merges."""
