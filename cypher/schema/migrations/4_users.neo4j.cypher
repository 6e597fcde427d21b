// Migration 4: users who sign in (rep, analyst, admin). Idempotent.
CREATE CONSTRAINT user_id IF NOT EXISTS FOR (n:User) REQUIRE n.id IS UNIQUE;
