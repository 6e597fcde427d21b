// The source (channel) a lead came from.
MATCH (l:Lead {id: $id})-[:FROM_SOURCE]->(s:Source)
RETURN s.name AS source
LIMIT 1
