/**
 * `npm test`: every test. Unit and integration tests on embedded PGlite, the same again on
 * PostgreSQL when TEST_DATABASE_URL is set, and the browser tests in Debian's Chromium (whose
 * server then runs on a PostgreSQL database of its own too, e2e/serve.ts).
 * Ends with one line "N passed, N failed" over all of them.
 *
 * The browser tests run beside the two Vitest runs, not after them: they spend most of their time
 * waiting on the page and the server, so running them alone left a core idle for most of CI. Their
 * output goes to a log that is printed once both they and the Vitest runs have ended, so the reports
 * do not interleave.
 *
 * With both stores the API fuzzer runs on PostgreSQL only (see below).
 *
 * CI=true (.ci/run sets it) makes the API fuzzer send a smaller random sample per operation
 * (test/fuzz.test.ts; FUZZ_DEEP=1 for the full one) and lets Playwright retry a failure once and
 * run two spec files at a time (playwright.config.ts).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
  ok: boolean;
}
const tally: Tally = { passed: 0, failed: 0, skipped: 0, ok: true };
/** The failed tests by name, printed again last: a CI log is often read from its tail only. */
const failures: string[] = [];
/** Wall-clock seconds of each part, printed at the end: CI must stay under 30 minutes on 2 cores. */
const took: string[] = [];
const since = (start: number) => `${Math.round((Date.now() - start) / 1000)} s`;

/**
 * The head of a failure's message, to print under its name: the tail is sometimes all of a CI log
 * anyone gets to read, and a name alone does not tell a flaky wait from a broken rule.
 */
function why(messages: string[] | undefined): string {
  // Playwright colours its messages; the summary is read as plain text.
  const lines = stripVTControlCharacters(messages?.[0] ?? '').split('\n').filter((l) => l.trim() !== '').slice(0, 3);
  return lines.map((l) => `\n      ${l.trim().slice(0, 240)}`).join('');
}

/**
 * Runs one Vitest run to its end. Spawned, not run synchronously: a synchronous run held the event
 * loop, so the browser tests' end was only noticed, and timed, after both Vitest runs.
 */
async function vitest(label: string, env: NodeJS.ProcessEnv, exclude: string[] = []) {
  const out = path.join(results, `vitest-${label}.json`);
  fs.rmSync(out, { force: true });
  console.log(`\n=== 单元与集成测试 / unit + integration (${label}) ===`);
  const start = Date.now();
  const child = spawn(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...exclude.flatMap((glob) => ['--exclude', glob])], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  took.push(`vitest ${label} ${since(start)}`);
  if (status !== 0) tally.ok = false;
  if (fs.existsSync(out)) {
    const j = JSON.parse(fs.readFileSync(out, 'utf8'));
    tally.passed += j.numPassedTests;
    tally.failed += j.numFailedTests;
    tally.skipped += j.numPendingTests + (j.numTodoTests ?? 0);
    if (j.numTotalTests === 0) tally.ok = false;
    for (const file of j.testResults ?? []) {
      const where = path.relative(root, file.name);
      const failed = (file.assertionResults ?? []).filter((a: { status: string }) => a.status === 'failed');
      for (const a of failed) failures.push(`[${label}] ${where} › ${a.fullName}${why(a.failureMessages)}`);
      // A file that failed outside any test (an import or a hook) has no failed assertion to name.
      if (file.status === 'failed' && failed.length === 0) failures.push(`[${label}] ${where}: ${String(file.message ?? '').split('\n')[0]}`);
    }
  } else tally.ok = false;
}

/**
 * Starts the browser tests. The promise resolves when they end, timed then, with a function that
 * prints their log and counts them: called once the Vitest runs are done, so the reports do not mix.
 */
function browserTests(env: NodeJS.ProcessEnv): Promise<() => void> {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    console.error(`\n浏览器测试需要 Chromium（${chromium}）：apt-get install -y chromium / browser tests need Chromium`);
    tally.ok = false;
    tally.failed += 1;
    return Promise.resolve(() => {});
  }
  const out = path.join(results, 'e2e.json');
  const logFile = path.join(results, 'e2e.log');
  fs.rmSync(out, { force: true });
  const log = fs.openSync(logFile, 'w');
  console.log(`\n(浏览器测试已在后台启动，日志见 test-results/e2e.log / browser tests started beside the unit tests)`);
  // playwright.config.ts writes its JSON report to test-results/e2e.json.
  const start = Date.now();
  const child = spawn(bin('playwright'), ['test'], { cwd: root, stdio: ['ignore', log, log], env });
  return new Promise((resolve) => {
    child.on('close', (code) => {
      took.push(`browser ${since(start)}`);
      fs.closeSync(log);
      resolve(() => {
        console.log('\n=== 浏览器测试 / browser tests (Playwright + Chromium) ===');
        process.stdout.write(fs.readFileSync(logFile, 'utf8'));
        if (code !== 0) tally.ok = false;
        if (fs.existsSync(out)) {
          const report = JSON.parse(fs.readFileSync(out, 'utf8'));
          tally.passed += report.stats.expected + (report.stats.flaky ?? 0);
          tally.failed += report.stats.unexpected;
          tally.skipped += report.stats.skipped;
          failures.push(...failedBrowserTests(report));
        } else tally.ok = false;
      });
    });
  });
}

interface PlaywrightSuite {
  title: string;
  file?: string;
  specs?: { title: string; line: number; tests: { status: string; results?: { error?: { message?: string } }[] }[] }[];
  suites?: PlaywrightSuite[];
}
/** Browser tests that failed even after their retry, as `file:line › title` and their last attempt's error's head. */
function failedBrowserTests(report: { suites?: PlaywrightSuite[] }): string[] {
  const names: string[] = [];
  const walk = (suite: PlaywrightSuite, file: string) => {
    for (const spec of suite.specs ?? []) {
      const failed = spec.tests.find((t) => t.status === 'unexpected');
      if (failed) names.push(`[browser] e2e/${file}:${spec.line} › ${spec.title}${why([failed.results?.at(-1)?.error?.message ?? ''])}`);
    }
    for (const child of suite.suites ?? []) walk(child, child.file ?? file);
  };
  for (const suite of report.suites ?? []) walk(suite, suite.file ?? suite.title);
  return names;
}

const pgUrl = process.env.TEST_DATABASE_URL;
const { TEST_DATABASE_URL: _omit, ...envWithoutPg } = process.env;
// The browser tests keep TEST_DATABASE_URL: their server then runs on a database of its own on
// PostgreSQL (e2e/serve.ts), not on PGlite, whose queries all wait on the server's one thread.
const browser = browserTests(process.env);
// The API fuzzer checks that no malformed input reaches a 5xx: the same PostgreSQL engine answers
// on both stores, so it runs once, on PostgreSQL when there is one, where the server connects as
// the application role under row-level security as in production.
await vitest('pglite', envWithoutPg, pgUrl ? ['test/fuzz.test.ts'] : []);
if (pgUrl) await vitest('postgres', { ...process.env, TEST_DATABASE_URL: pgUrl });
else console.log('\n(TEST_DATABASE_URL 未设置，跳过 PostgreSQL 集成测试 / not set: PostgreSQL run skipped)');
(await browser)();

const { passed, skipped } = tally;
const failed = !tally.ok && tally.failed === 0 ? 1 : tally.failed;
console.log(`\n(${took.join(' · ')})`);
if (failures.length) console.log(`\n失败的测试 / failed tests:\n${failures.map((f) => `  ✗ ${f}`).join('\n')}`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(tally.ok ? 0 : 1);
