// Not run: the embedded store runs one write transaction at a time, so Store.lock() needs no
// query there. Kept so that every query exists in both dialects with the same parameters.
RETURN $id AS id, $now AS at
