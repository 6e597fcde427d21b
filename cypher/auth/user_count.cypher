// How many active users exist (none: the app may run in single-user mode on loopback).
MATCH (u:User)
WHERE u.active
RETURN count(u) AS n
