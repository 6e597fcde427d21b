// Change a web-to-lead form's definition (its id, creator and submission count stay).
MATCH (f:WebForm {id: $id})
SET f.name = $name, f.campaign_id = $campaign_id, f.source_name = $source_name, f.fields = $fields,
    f.required = $required, f.thank_you = $thank_you, f.language = $language, f.region = $region,
    f.owner_id = $owner_id, f.active = $active, f.updated_at = $now
RETURN f.id AS id
