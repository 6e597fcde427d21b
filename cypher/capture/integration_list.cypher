// Every integration, by name.
MATCH (i:Integration)
RETURN i.id AS id, i.name AS name, i.source_name AS source_name, i.campaign_id AS campaign_id,
       i.region AS region, i.active AS active, i.created_by AS created_by, i.created_at AS created_at,
       i.last_used_at AS last_used_at
ORDER BY i.name
