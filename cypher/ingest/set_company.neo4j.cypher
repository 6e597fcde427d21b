// Set every property of existing Company nodes exactly as given (None clears),
// for import updates (merged in Python) and for undo (restoring a snapshot).
// Each property is named, as in the LadybugDB variant (a test keeps the list in step with the schema).
UNWIND $rows AS r
MATCH (n:Company {id: r.id})
SET n.external_id = r.external_id,
    n.source_system = r.source_system,
    n.name = r.name,
    n.name_key = r.name_key,
    n.domain = r.domain,
    n.website = r.website,
    n.industry = r.industry,
    n.employees = r.employees,
    n.annual_revenue = r.annual_revenue,
    n.phone = r.phone,
    n.street = r.street,
    n.city = r.city,
    n.region = r.region,
    n.postcode = r.postcode,
    n.country = r.country,
    n.description = r.description,
    n.extra = r.extra,
    n.row_hash = r.row_hash,
    n.updated_at = r.updated_at
RETURN count(n) AS n
