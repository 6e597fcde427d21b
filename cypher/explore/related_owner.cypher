// Which of the candidate leads have the same current owner as this lead.
MATCH (a:Lead {id: $id})<-[w:OWNS]-(r:Rep)
WHERE w.until IS NULL
UNWIND $candidates AS x
MATCH (o:Lead {id: x})<-[v:OWNS]-(r)
WHERE v.until IS NULL
RETURN o.id AS id, r.id AS via
