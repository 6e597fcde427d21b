// The contact shares the lead's identity nodes (email, phone or domain: the {{rel}} slot).
MATCH (l:Lead {id: $lead_id})-[:{{rel}}]->(i)
MATCH (c:Contact {id: $contact_id})
CREATE (c)-[:{{rel}} {created_at: $now}]->(i)
