/**
 * `npm test`: every test. Unit and integration tests on embedded PGlite, the same again on
 * PostgreSQL when TEST_DATABASE_URL is set, then the browser tests in Debian's Chromium.
 * Ends with one line "N passed, N failed" over all of them.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);

let passed = 0;
let failed = 0;
let skipped = 0;
let ok = true;

function vitest(label: string, env: NodeJS.ProcessEnv) {
  const out = path.join(results, `vitest-${label}.json`);
  fs.rmSync(out, { force: true });
  console.log(`\n=== 单元与集成测试 / unit + integration (${label}) ===`);
  const r = spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  if (r.status !== 0) ok = false;
  if (fs.existsSync(out)) {
    const j = JSON.parse(fs.readFileSync(out, 'utf8'));
    passed += j.numPassedTests;
    failed += j.numFailedTests;
    skipped += j.numPendingTests + (j.numTodoTests ?? 0);
    if (j.numTotalTests === 0) ok = false;
  } else ok = false;
}

const pgUrl = process.env.TEST_DATABASE_URL;
const { TEST_DATABASE_URL: _omit, ...envWithoutPg } = process.env;
vitest('pglite', envWithoutPg);
if (pgUrl) vitest('postgres', { ...process.env, TEST_DATABASE_URL: pgUrl });
else console.log('\n(TEST_DATABASE_URL 未设置，跳过 PostgreSQL 集成测试 / not set: PostgreSQL run skipped)');

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  console.error(`\n浏览器测试需要 Chromium（${chromium}）：apt-get install -y chromium / browser tests need Chromium`);
  ok = false;
  failed += 1;
} else {
  console.log('\n=== 浏览器测试 / browser tests (Playwright + Chromium) ===');
  const out = path.join(results, 'e2e.json');
  fs.rmSync(out, { force: true });
  // playwright.config.ts writes its JSON report to test-results/e2e.json.
  const r = spawnSync(bin('playwright'), ['test'], { cwd: root, stdio: 'inherit', env: envWithoutPg });
  if (r.status !== 0) ok = false;
  if (fs.existsSync(out)) {
    const s = JSON.parse(fs.readFileSync(out, 'utf8')).stats;
    passed += s.expected + (s.flaky ?? 0);
    failed += s.unexpected;
    skipped += s.skipped;
  } else ok = false;
}

if (!ok && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok ? 0 : 1);
