// Leads or contacts linked to one identity node (an Email or a Phone): exact matches for a duplicate alert.
MATCH (i:{{label_to}} {id: $key})<-[:{{rel}}]-(n:{{label}})
RETURN n.id AS id
LIMIT 50
