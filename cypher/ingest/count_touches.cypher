// How many touchpoints (TOUCHED_BY relationships) the graph holds.
MATCH ()-[t:TOUCHED_BY]->()
RETURN count(t) AS n
