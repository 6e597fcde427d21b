// A new integration (a system that sends leads through the intake API) with its token digest and scope.
CREATE (i:Integration {id: $id, name: $name, token_hash: $token_hash, source_name: $source_name,
                       campaign_id: $campaign_id, region: $region, active: true, created_by: $by,
                       created_at: $now, updated_at: $now})
RETURN i.id AS id
