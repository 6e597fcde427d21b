// Lead sources by name, for the source picker.
MATCH (s:Source)
RETURN s.name AS name, s.channel AS channel
ORDER BY s.name
LIMIT 1000
