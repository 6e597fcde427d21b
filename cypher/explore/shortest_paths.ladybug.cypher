// Shortest paths (up to 6 hops) between two nodes over the given relationship types.
MATCH p = (a:{{label}} {id: $from})-[:{{rels}}* ALL SHORTEST 1..6]-(b:{{label_to}} {id: $to})
RETURN list_transform(nodes(p), n -> n.id) AS ids,
       list_transform(nodes(p), n -> label(n)) AS labels,
       list_transform(rels(p), r -> label(r)) AS types
LIMIT $limit
