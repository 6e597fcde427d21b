// Leads or contacts of other batches linked to the given identity nodes (Email or Phone ids),
// merge tombstones left out: the existing records a new row of an import repeats.
UNWIND $ids AS wanted
MATCH (i:{{label_to}} {id: wanted})<-[:{{rel}}]-(n:{{label}})
WHERE coalesce(n.batch_id, '') <> $batch AND NOT EXISTS { MATCH (n)-[:MERGED_INTO]->() }
RETURN wanted AS identity, n.id AS id, n.name AS name
ORDER BY identity, id
