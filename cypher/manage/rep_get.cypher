// One rep.
MATCH (r:Rep {id: $id})
RETURN r.id AS id, r.name AS name, r.team AS team, r.region AS region, r.capacity AS capacity,
       r.active AS active
