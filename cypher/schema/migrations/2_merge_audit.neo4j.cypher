// Migration 2: the Merge audit node (one per merge; unmerge marks it undone). Idempotent.
CREATE CONSTRAINT merge_id IF NOT EXISTS FOR (n:Merge) REQUIRE n.id IS UNIQUE;
