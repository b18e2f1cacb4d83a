import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_CONTEXT } from '../src/shared/audit-context.ts';
import { insertCallInTx } from '../src/modules/calls/service.ts';
import { insertPublishedChainInTx } from '../src/modules/chains/index.ts';
import { createSubmissionInTx, registerSubmissionKind, submissionFacts, transitionInTx, unregisterSubmissionKind } from '../src/modules/workflow/index.ts';
import { signIn, type Agent } from './helpers/agent.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

/**
 * A new kind of submission added from data and test code only (issue 10's acceptance): the kind
 * is registered with the kernel, its two-stage chain is a published chain version, its call pins
 * it; the unchanged review and decision modules carry it to a published result list, and the
 * kind's own effect runs on the released approval — not the filing kind's.
 */
const effects: string[] = [];
registerSubmissionKind({
  kind: 'toy',
  name: { zh: '示例事项', en: 'toy submission' },
  objectType: 'toy_submission',
  link: ({ id }) => `/app/toy/${id}`,
  verdicts: { approved: '同意', rejected: '不同意' },
  approvedInTx: async (_tx, _ctx, { facts, level, listId }) => void effects.push(`approved ${facts.app.id} ${level} ${listId}`),
});

const CHAIN = {
  name: '示例事项：市级审核 → 市级审定',
  nameEn: 'Toy: city check → city decision',
  level: 'city',
  requiresFiling: null,
  definition: {
    stages: [
      { key: 'city_check', kind: 'review', name: '市级审核', nameEn: 'City check', actor: { kind: 'authority', level: 'city' }, dueDays: 10, checklist: [{ key: 'authentic', label: '材料真实', labelEn: 'Authentic' }] },
      { key: 'city_result', kind: 'decision', name: '市级审定', nameEn: 'City decision', actor: { kind: 'authority', level: 'city' }, dueDays: 10, checklist: [{ key: 'basis', label: '依据充分', labelEn: 'Well founded' }], filingLevel: 'city' },
    ],
  },
};

let t: TestApp;
let reviewer: Agent;
let admin: Agent;
let submissionId: string;
let callId: string;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  reviewer = await signIn(t.app, 'xc_reviewer');
  admin = await signIn(t.app, 'xc_admin');
  const q = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => t.ctx.database.query<T>(sql, params);
  const [space] = await q<{ id: string; operator_org_id: string }>(`select s.id, s.operator_org_id from spaces s join regions r on r.code = s.region_code where r.path like '000000/410000/411000/%' order by s.name limit 1`);
  const authority = (await q<{ id: string }>(`select o.id from organisations o where o.kind = 'authority' and o.region_code = '411000'`))[0]!;
  ({ submissionId, callId } = await t.ctx.db.transaction(async (tx) => {
    const chain = await insertPublishedChainInTx(tx, SYSTEM_CONTEXT, { key: 'toy_city', ownerRegionCode: '411000', chain: CHAIN });
    const now = new Date();
    const call = await insertCallInTx(tx, SYSTEM_CONTEXT, {
      kind: 'toy',
      title: '示例事项（测试）',
      level: 'city',
      year: now.getFullYear(),
      authorityOrgId: authority.id,
      regionCode: '411000',
      opensAt: new Date(now.getTime() - 86_400_000),
      closesAt: new Date(now.getTime() + 30 * 86_400_000),
      eligibleCategories: ['regular'],
      materialSlots: [],
      chainId: chain.id,
      status: 'published',
      publishedAt: now,
    });
    // The kind's own module (here: the test) opens and hands in the submission through the kernel.
    const draft = await createSubmissionInTx(tx, null, { kind: 'toy', callId: call.id, spaceId: space!.id, operatorOrgId: space!.operator_org_id });
    await transitionInTx(tx, SYSTEM_CONTEXT, null, draft.id, { action: 'submit', enterStage: chain.stages[0]!, patch: { submittedAt: now, round: 1 } });
    return { submissionId: draft.id, callId: call.id };
  }));
});
afterAll(async () => {
  // The next test file in this worker shares the kernel's registry (chains/api.test.ts checks it holds the app's kinds only).
  unregisterSubmissionKind('toy');
  await t.close();
});

describe('a submission kind added from data and test code', () => {
  it('is offered to the stage workers of its chain', async () => {
    const stages = (await reviewer.get('/api/stages/mine?kind=review')).json() as { chains: { id: string; stages: { key: string }[] }[]; calls: { id: string; chainId: string }[] };
    const offered = stages.calls.find((c) => c.id === callId)!;
    expect(stages.chains.find((c) => c.id === offered.chainId)!.stages.map((s) => s.key)).toContain('city_check');
    const queue = await reviewer.get(`/api/review/queue?callId=${callId}`);
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json().items.map((i: { id: string }) => i.id)).toEqual([submissionId]);
  });

  it('walks review → decision → a published result list, running its own effect and not the filing kind’s', async () => {
    const passed = await reviewer.post(`/api/review/applications/${submissionId}/pass`, {
      stageKey: 'city_check',
      checklist: [{ key: 'authentic', verdict: 'ok', note: '已核查原件' }],
      note: '材料真实，同意报送审定',
    });
    expect(passed.statusCode, passed.body).toBe(200);
    expect((await submissionFacts(t.ctx.db, submissionId))!.app.stageKey).toBe('city_result');

    const decided = await admin.post('/api/decisions', { applicationId: submissionId, stageKey: 'city_result', outcome: 'approve', reason: '符合要求', checklist: [{ key: 'basis', verdict: 'ok', note: '依据充分' }] });
    expect(decided.statusCode, decided.body).toBe(201);
    const released = await admin.post('/api/decisions/release', {
      callId,
      stageKey: 'city_result',
      decisionIds: [decided.json().id],
      expectedCount: 1,
      title: '示例事项审定结果',
      documentNumber: '许科〔2026〕99号',
      issuedOn: '2026-12-03',
    });
    expect(released.statusCode, released.body).toBe(201);
    const list = released.json();

    const published = await t.app.inject({ method: 'GET', url: `/api/public/filing-lists/${list.id}` });
    expect(published.statusCode).toBe(200);
    expect(published.json().entries).toHaveLength(1);
    expect((await submissionFacts(t.ctx.db, submissionId))!.app.status).toBe('filed');
    expect(effects).toEqual([`approved ${submissionId} city ${list.id}`]);
    const q = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => t.ctx.database.query<T>(sql, params);
    expect((await q<{ n: number }>('select count(*)::int as n from filings where application_id = $1', [submissionId]))[0]!.n).toBe(0);
    const audited = await q<{ action: string }>(`select action from audit_log where object_type = 'toy_submission' and object_id = $1 order by id`, [submissionId]);
    expect(audited.map((a) => a.action)).toEqual(['toy_submission.submit', 'review.pass', 'decision.approve']);
  });
});
