// Test support: the embedded database has no server finishing another client's transactions:
// only this query's own.
RETURN 1 AS n
