// End current ownerships (OWNS without `until`) instead of deleting them: the history stays.
UNWIND $rows AS r
MATCH (a:Rep {id: r.from})-[x:OWNS]->(b:{{label}} {id: r.to})
WHERE x.until IS NULL
SET x.until = $now
