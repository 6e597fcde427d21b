// Every lead source with its channel and how many records come from it (the import matches names to these).
MATCH (s:Source)
OPTIONAL MATCH (s)<-[r:FROM_SOURCE]-()
RETURN s.id AS id, s.name AS name, s.channel AS channel, count(r) AS records
ORDER BY id
