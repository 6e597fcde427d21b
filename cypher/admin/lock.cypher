// A named lock for the open transaction: the write on this node is held until the transaction
// ends, so units of work taking the same lock run one at a time across processes and machines.
MERGE (m:Meta {id: $id})
ON CREATE SET m.value = 'lock', m.created_at = $now
SET m.updated_at = $now
RETURN m.id AS id
