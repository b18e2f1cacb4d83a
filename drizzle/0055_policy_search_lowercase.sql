-- The policy library's searched text is kept lower-cased and matched with LIKE: ILIKE in a UTF-8
-- database lower-cases each candidate's whole text again on every match.
UPDATE "policies" SET "search_text" = lower("search_text") WHERE "search_text" <> lower("search_text");
