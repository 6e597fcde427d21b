// A named lock for the open transaction: the write on this node is held until the transaction
// ends, so units of work taking the same lock run one at a time across processes and machines.
// GraphcrmLock is outside the graph model (counts, dumps and exports leave it out); its id is unique.
MERGE (l:GraphcrmLock {id: $id})
SET l.at = $now
RETURN l.id AS id
