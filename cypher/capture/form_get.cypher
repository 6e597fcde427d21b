// One web-to-lead form by id.
MATCH (f:WebForm {id: $id})
RETURN f.id AS id, f.name AS name, f.campaign_id AS campaign_id, f.source_name AS source_name,
       f.fields AS fields, f.required AS required, f.thank_you AS thank_you, f.language AS language,
       f.region AS region, f.owner_id AS owner_id, f.active AS active, f.created_by AS created_by,
       f.submissions AS submissions, f.created_at AS created_at, f.updated_at AS updated_at
