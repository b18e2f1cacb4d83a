/**
 * `npm run bench`: speed targets live here, never in timed unit tests. Prints a table and exits
 * non-zero when a target is missed. Results are recorded in BENCHMARKS.md.
 */
import { benchCriteria } from './criteria.ts';

const criteria = benchCriteria();
console.log('\n条件评价 / criteria evaluation (target < 1000 ms per rule set)');
console.table(criteria);

const missed = criteria.filter((r) => !r.targetMet);
if (missed.length) {
  console.error(`未达标 / targets missed: ${missed.map((r) => r.ruleSet).join(', ')}`);
  process.exit(1);
}
