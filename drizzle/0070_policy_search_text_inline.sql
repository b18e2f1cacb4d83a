-- A search for a common term reads the searched text of every policy it matches (6,700 at national
-- size). That text (title, 发文字号, 主题词 and the body) and the body itself made most rows longer
-- than the 2 kB PostgreSQL keeps a row to, and it moved the longer of the two, the searched text, out
-- of line, compressed: each match then cost a fetch from the TOAST table and a decompression, about
-- three quarters of the matches' count (23.7 ms of which 5.7 remain). MAIN keeps the searched text in
-- the row, moving the body out first, and leaves it uncompressed while the row fits.
ALTER TABLE "policies" ALTER COLUMN "search_text" SET STORAGE MAIN;
--> statement-breakpoint
-- Rows already written keep their text where it was until they are written again.
UPDATE "policies" SET "search_text" = "search_text" || '';
