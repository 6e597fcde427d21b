// Touchpoints of the given leads or contacts that an earlier import (or another writer) made:
// key, kind and response date. This import's own touches are known to it already.
UNWIND $ids AS id
MATCH (p:{{label}} {id: id})-[t:TOUCHED_BY]->(:Campaign)
WHERE t.batch_id IS NULL OR t.batch_id <> $batch
RETURN t.key AS key, t.kind AS kind, t.responded_at AS responded_at
