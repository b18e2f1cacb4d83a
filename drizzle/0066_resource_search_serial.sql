-- A keyword search is planned serially. The planner estimates a two-character term's matches as the
-- product of its pairs' and its ILIKE's selectivities, which are nearly the same condition: on the
-- national data set 打印 was guessed at 318 of its 6,157 matches, and the page then walked the name
-- order in two parallel workers (0.3–0.9 s against 30 ms serially). A query calling a parallel-unsafe
-- function gets no parallel plan.
ALTER FUNCTION "char_pairs"(text) PARALLEL UNSAFE;
