// End each lead's current ownership (the OWNS stays, with `until`: the history is kept).
UNWIND $rows AS r
MATCH (:Rep)-[o:OWNS]->(l:Lead {id: r.to})
WHERE o.until IS NULL
SET o.until = $now
