-- The duplicate scan and the alerts' dispositions move `open_alerts` on tens of thousands of supports
-- at once (35,628 in the national data set's first scan). On full pages each such update is a new
-- row version in every one of the table's ten indexes (the invoice and contract GINs among them):
-- 10.2 s for the first scan's counts. With a fifth of each page left free the updates stay on their
-- page (HOT) and touch no index: 3.9 s (BENCHMARKS.md, issue 17). Pages written before keep their
-- fill until rewritten (VACUUM FULL, or a restore).
ALTER TABLE "supports" SET (fillfactor = 80);
