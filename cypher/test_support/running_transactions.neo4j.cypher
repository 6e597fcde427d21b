// Test support: how many transactions the server is running (this query's own included), to wait
// for a killed client's commit that the server is still finishing.
SHOW TRANSACTIONS YIELD transactionId
RETURN count(*) AS n
