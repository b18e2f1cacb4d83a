-- The lower-cased distinct character pairs of a text ('3D 打印' → 3d, "d ", " 打", 打印); NULL for NULL,
-- none for fewer than two characters. A text that contains a term ILIKE-wise holds every pair of the
-- term, since ILIKE in a UTF-8 database compares the two texts lower-cased: a GIN index over a text's
-- pairs finds the candidates of a two-character term, which pg_trgm reads no trigram from, and the
-- ILIKE rechecks them. Plain SQL, so PGlite needs no extension for it.
CREATE FUNCTION "char_pairs"(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT coalesce(array_agg(DISTINCT substr(l, i, 2)), '{}')
	FROM lower(t) AS l, generate_series(1, char_length(l) - 1) AS i
$$;
--> statement-breakpoint
CREATE INDEX "booking_resources_search_pairs" ON "booking_resources" USING gin (char_pairs("name" || ' ' || "category"));--> statement-breakpoint
-- The planner estimates `char_pairs(…) @> …` from the index expression's statistics, which only ANALYZE
-- gathers; a table whose rows do not change would wait for them indefinitely.
ANALYZE "booking_resources";
