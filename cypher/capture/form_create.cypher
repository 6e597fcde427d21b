// A new web-to-lead form (the caller has made a fresh random id).
CREATE (f:WebForm {id: $id, name: $name, campaign_id: $campaign_id, source_name: $source_name, fields: $fields,
                   required: $required, thank_you: $thank_you, language: $language, region: $region,
                   owner_id: $owner_id, active: $active, created_by: $created_by, submissions: 0,
                   created_at: $now, updated_at: $now})
RETURN f.id AS id
