// One more accepted submission of a web-to-lead form.
MATCH (f:WebForm {id: $id})
SET f.submissions = coalesce(f.submissions, 0) + 1
RETURN f.submissions AS submissions
