// Shortest paths (up to 6 hops) between two nodes over the given relationship types.
MATCH p = allShortestPaths((a:{{label}} {id: $from})-[:{{rels}}*..6]-(b:{{label_to}} {id: $to}))
RETURN [n IN nodes(p) | n.id] AS ids,
       [n IN nodes(p) | labels(n)[0]] AS labels,
       [r IN relationships(p) | type(r)] AS types
LIMIT $limit
