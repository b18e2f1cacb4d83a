/**
 * `npm run bench`: speed targets live here, never in timed unit tests. Prints a table and exits
 * non-zero when a target is missed. Results are recorded in BENCHMARKS.md.
 */
import { benchAuditWrites } from './audit.ts';
import { benchCriteria } from './criteria.ts';

const missed: string[] = [];

const criteria = benchCriteria();
console.log('\n条件评价 / criteria evaluation (target < 1000 ms per rule set)');
console.table(criteria);
missed.push(...criteria.filter((r) => !r.targetMet).map((r) => r.ruleSet));

// Audited writes need a PostgreSQL server (PGlite runs one connection at a time).
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (adminUrl) {
  const writes = [
    await benchAuditWrites(adminUrl, { writers: 20, transactions: 2000, statementsAfter: 3, serverMsAfter: 0 }),
    await benchAuditWrites(adminUrl, { writers: 20, transactions: 2000, statementsAfter: 3, serverMsAfter: 5 }),
  ];
  console.log('\n审计写入吞吐 / audited writes on PostgreSQL (chain must verify)');
  console.table(writes);
  if (writes.some((w) => !w.chainOk || w.rows !== w.transactions)) missed.push('audit chain');
} else {
  console.log('\n审计写入吞吐：未设置 BENCH_DATABASE_URL / TEST_DATABASE_URL，跳过 / audited writes skipped: no PostgreSQL URL');
}

if (missed.length) {
  console.error(`未达标 / targets missed: ${missed.join(', ')}`);
  process.exit(1);
}
