import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementProbe } from '../src/db/client.ts';
import { signIn, type Agent } from './helpers/agent.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { applicationAtStage, submitDemoApplication, type SubmissionStep } from './helpers/journey.ts';

/**
 * Lists and queues run a fixed number of statements whatever their size (issue 10: no per-row
 * loading). Each list is read small, then grown, and read again: the statement count must not move.
 */
let t: TestApp;
const as: Record<string, Agent> = {};

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  for (const u of ['cg_reviewer', 'xc_admin', 'sy_admin', 'op_cg_admin', 'op_robot_admin']) as[u] = await signIn(t.app, u);
});
afterAll(() => t.close());

/**
 * The statements one request runs (the answer must be 200). Read twice and counted the second time:
 * the first may also refresh the session, which is no part of the list's cost.
 */
async function statements(agent: Agent, url: string): Promise<{ n: number; body: { items: unknown[] } }> {
  await agent.get(url);
  const { result: res, statements: n } = await statementProbe.count(() => agent.get(url));
  expect(res.statusCode, res.body).toBe(200);
  return { n, body: res.json() };
}

/** Reads `url` with `before` items in it, adds more with `grow`, reads again: same statements, more items. */
async function fixedCost(agent: Agent, url: () => string, grow: () => Promise<unknown>) {
  const small = await statements(agent, url());
  await grow();
  const large = await statements(agent, url());
  expect(small.n).toBeGreaterThan(0);
  expect(large.body.items.length).toBeGreaterThan(small.body.items.length);
  expect(large.n).toBe(small.n);
}

const times = async (n: number, f: () => Promise<unknown>) => {
  for (let i = 0; i < n; i += 1) await f();
};

describe('a signed-in request', () => {
  it('resolves the session, the actor and its roles in one statement: GET /api/me runs at most two', async () => {
    const { n } = await statements(as.cg_reviewer!, '/api/me');
    expect(n).toBeLessThanOrEqual(2);
    // The same lookup on every signed-in route: an empty page of a list costs its own statements plus one.
    expect((await statements(as.op_cg_admin!, '/api/me')).n).toBe(n);
  });
});

describe('an operator submitting (the surge bench’s flow, issue 12)', () => {
  it('creates, fills, attaches, assesses, confirms and submits in a pinned number of statements per request', async () => {
    const counted = new Map<SubmissionStep, number>();
    // The 江苏 call the bench uses: eight required materials, each uploaded and attached.
    await submitDemoApplication(t, 'jiangsu_national', { newSpace: true, statements: counted });
    // Before (as counted on PGlite): create 16, dossier 9, attach 9, assessment 10, confirm 16 (the whole application
    // read again), submit 31 — a space's hosts were a statement of their own on every load.
    // PostgreSQL also counts each write's BEGIN and COMMIT, which Drizzle sends as statements there.
    const tx = t.ctx.database.kind === 'postgres' ? 2 : 0;
    expect(Object.fromEntries(counted)).toEqual({ create: 10 + tx, dossier: 8 + tx, upload: 3 + tx, attach: 8 + tx, assessment: 8, confirm: 11 + tx, submit: 28 + tx });
  });
});

describe('statements per list, whatever its size', () => {
  it('review queue (a page of 5 and of 100)', async () => {
    const first = await applicationAtStage(t, 'xuchang_city', 'county_review');
    await times(5, () => applicationAtStage(t, 'xuchang_city', 'county_review'));
    const page = (size: number) => statements(as.cg_reviewer!, `/api/review/queue?callId=${first.callId}&pageSize=${size}`);
    const [five, hundred] = [await page(5), await page(100)];
    expect(five.body.items).toHaveLength(5);
    expect(hundred.body.items.length).toBeGreaterThanOrEqual(6);
    expect(hundred.n).toBe(five.n);
  });

  it('decision candidates and the decisions of a stage (a page of 1 and of 100, before and after growing)', async () => {
    const first = await applicationAtStage(t, 'xuchang_city', 'city_decision');
    const base = `callId=${first.callId}&stageKey=city_decision`;
    const candidates = (size: number) => `/api/decisions/candidates?${base}&pageSize=${size}&sort=operator`;
    await fixedCost(as.xc_admin!, () => candidates(100), () => times(3, () => applicationAtStage(t, 'xuchang_city', 'city_decision')));
    expect((await statements(as.xc_admin!, candidates(1))).n).toBe((await statements(as.xc_admin!, candidates(100))).n);
    const items = (await as.xc_admin!.get(candidates(100))).json().items as { applicationId: string }[];
    const record = (id: string) => as.xc_admin!.post('/api/decisions', { applicationId: id, stageKey: 'city_decision', outcome: 'approve', reason: '符合条件', checklist: [{ key: 'decision_basis', verdict: 'ok', note: '依据充分' }] });
    await record(items[0]!.applicationId);
    const decisions = (size: number, status = '') => `/api/decisions?${base}&pageSize=${size}&sort=space${status}`;
    await fixedCost(as.xc_admin!, () => decisions(100, '&status=pending'), () => Promise.all(items.slice(1).map((c) => record(c.applicationId))));
    // Every status at once (pending on waiting applications, released ones on lists) costs the same.
    expect((await statements(as.xc_admin!, decisions(1))).n).toBe((await statements(as.xc_admin!, decisions(100, '&status=pending'))).n);
    expect((await statements(as.xc_admin!, candidates(1))).n).toBe((await statements(as.xc_admin!, candidates(100))).n);
  });

  it('notice candidates (a page of 1 and of 100, before and after growing)', async () => {
    const first = await applicationAtStage(t, 'liaoning_province', 'city_notice');
    const url = (size: number) => `/api/notices/candidates?callId=${first.callId}&pageSize=${size}&sort=region`;
    await fixedCost(as.sy_admin!, () => url(100), () => times(3, () => applicationAtStage(t, 'liaoning_province', 'city_notice')));
    expect((await statements(as.sy_admin!, url(1))).n).toBe((await statements(as.sy_admin!, url(100))).n);
  });

  it('calls (managed and public), the public filing lists and notices, and the operator’s open calls and applications', async () => {
    const managed = (size: number) => statements(as.op_robot_admin!, `/api/calls?pageSize=${size}&sort=title&order=desc`);
    const [one, all] = [await managed(1), await managed(100)];
    expect(all.body.items.length).toBeGreaterThan(1);
    expect(all.n).toBe(one.n);
    const publicCalls = (size: number) => statements(as.op_robot_admin!, `/api/portal/calls?pageSize=${size}`);
    expect((await publicCalls(100)).n).toBe((await publicCalls(1)).n);
    // The public lists name their authorities in the page's own statement, not one lookup per authority.
    const filingLists = (size: number) => statements(as.op_robot_admin!, `/api/public/filing-lists?pageSize=${size}`);
    expect((await filingLists(100)).n).toBe((await filingLists(1)).n);
    const notices = (size: number) => statements(as.op_robot_admin!, `/api/public/notices?pageSize=${size}`);
    expect((await notices(100)).n).toBe((await notices(1)).n);
    const mine = (size: number) => statements(as.op_cg_admin!, `/api/applications?pageSize=${size}&sort=call`);
    const [a, b] = [await mine(1), await mine(100)];
    expect(b.body.items.length).toBeGreaterThan(1);
    expect(b.n).toBe(a.n);
  });
});
