/**
 * The three review chains of the seeds (DESIGN §4), each walked through the API from submission to
 * the published filing list, every step by the authority that owns it: 许昌 city filing, 辽宁
 * provincial filing (with a return and resubmission, a public notice with an objection), and 江苏
 * recommendation on to the national filing list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAINS, stageOf, type ChainTemplateKey } from '../src/shared/chains.ts';
import { concludeNoticeJob } from '../src/modules/notices/service.ts';
import { Agent, signIn } from './helpers/agent.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { COMPLETE_BASIC_INFO, COMPLETE_REPORT } from '../src/modules/applications/fixtures.test-helper.ts';
import { applicationAtStage, submitDemoApplication, uploadFile, type Submitted } from './helpers/journey.ts';
import { multipart } from './helpers/multipart.ts';
import { mobilesIn } from './helpers/redaction.ts';
import { shippedChainVersionId } from '../src/modules/chains/index.ts';

let t: TestApp;
const agents = new Map<string, Agent>();
const as = async (username: string) => {
  if (!agents.has(username)) agents.set(username, await signIn(t.app, username));
  return agents.get(username)!;
};

beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(() => t.close());

const checklistOf = (chain: ChainTemplateKey, stageKey: string) =>
  stageOf(chain, stageKey)!.checklist.map((c) => ({ key: c.key, verdict: 'ok' as const, note: `已核查：${c.label}` }));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field, as the API's JSON
type Json = any;

/** The answer's JSON after checking its status. */
async function ok(res: Promise<{ statusCode: number; body: string; json: () => Json }>, status = 200): Promise<Json> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
}

const stageOfApp = async (id: string) =>
  (await t.ctx.database.query<{ status: string; stage_key: string }>('select status, stage_key from applications where id = $1', [id]))[0]!;

/** Notifications a user received whose title contains `text`. */
const notified = async (username: string, text: string) =>
  (
    await t.ctx.database.query<{ n: number }>(
      `select count(*)::int as n from notifications n join users u on u.id = n.user_id where u.username = $1 and n.title like $2`,
      [username, `%${text}%`],
    )
  )[0]!.n;

async function pass(username: string, chain: ChainTemplateKey, a: Submitted, stageKey: string) {
  await ok((await as(username)).post(`/api/review/applications/${a.id}/pass`, { stageKey, checklist: checklistOf(chain, stageKey), note: '经审核，符合要求' }));
}

/** A recommendation batch for one application: created by a reviewer, signed scans linked, sent by the admin. */
async function recommend(reviewer: string, admin: string, chain: ChainTemplateKey, a: Submitted, stageKey: string) {
  const r = await as(reviewer);
  let batch = await ok(r.post('/api/recommendations', { callId: a.callId, stageKey, letterNumber: '科推〔2026〕8号', items: [{ applicationId: a.id, checklist: checklistOf(chain, stageKey) }] }), 201);
  const letter = await r.get(`/api/recommendations/${batch.id}/letter.docx`);
  expect(letter.statusCode, letter.body).toBe(200);
  expect(letter.rawPayload.subarray(0, 2).toString()).toBe('PK');
  const documents: Record<string, string> = { letterFileId: (await uploadFile(r, '推荐函（盖章）.pdf')).id };
  if (stageOf(chain, stageKey)!.documents?.includes('authority_commitment')) documents.commitmentFileId = (await uploadFile(r, '主管部门信用承诺书（盖章）.pdf')).id;
  batch = await ok(r.post(`/api/recommendations/${batch.id}/documents`, documents));
  await ok((await as(admin)).post(`/api/recommendations/${batch.id}/send`, { revision: batch.revision }));
}

/** Every expert the authority's auto-assignment picks declares no conflict and scores. */
async function expertReview(admin: string, a: Submitted) {
  const assigned = await ok((await as(admin)).post('/api/expert-stage/auto-assign', { callId: a.callId, stageKey: 'province_expert' }));
  expect(JSON.stringify(assigned)).toContain(a.id);
  const experts = (await t.ctx.database.query<{ username: string }>(
    `select u.username from expert_assignments x join users u on u.id = x.expert_user_id where x.application_id = $1`,
    [a.id],
  )).map((r) => r.username);
  expect(experts.length).toBeGreaterThanOrEqual(1);
  for (const [i, username] of experts.entries()) {
    const expert = await as(username);
    expect((await expert.get(`/api/applications/${a.id}`)).statusCode, 'closed before the declaration').toBe(404);
    const mine = (await ok(expert.get('/api/expert/assignments'))).items.find((x: { applicationId: string }) => x.applicationId === a.id);
    await ok(expert.post(`/api/expert/assignments/${mine.id}/declare`, { confirm: true }));
    await ok(expert.get(`/api/applications/${a.id}`));
    const v = 80 + i * 5;
    await ok(expert.post(`/api/expert/assignments/${mine.id}/scores`, { scores: { foundation: v, services: v, results: v, operation: v }, comment: '基础扎实，服务能力较强' }));
  }
  const results = await ok((await as(admin)).get(`/api/expert-stage/results?callId=${a.callId}&stageKey=province_expert`));
  expect(results.items.find((r: { applicationId: string }) => r.applicationId === a.id)).toMatchObject({ rank: 1 });
}

/** A reviewer records the approval at a decision stage and the admin releases it as a list. */
async function decide(reviewer: string, admin: string, chain: ChainTemplateKey, a: Submitted, stageKey: string, documentNumber: string) {
  const decision = await ok((await as(reviewer)).post('/api/decisions', { applicationId: a.id, stageKey, outcome: 'approve', reason: '符合备案条件', checklist: checklistOf(chain, stageKey) }), 201);
  return ok(
    (await as(admin)).post('/api/decisions/release', {
      callId: a.callId,
      stageKey,
      decisionIds: [decision.id],
      expectedCount: 1,
      title: `${stageOf(chain, stageKey)!.name}名单`,
      documentNumber,
      issuedOn: '2026-11-22',
    }),
    201,
  );
}

/** The list as the public sees it, and the space's filings as its operator sees them. */
async function published(listId: string, a: Submitted) {
  const list = await ok(new Agent(t.app).get(`/api/public/filing-lists/${listId}`));
  expect(list.entries).toEqual([expect.objectContaining({ spaceName: a.spaceName, status: 'listed' })]);
  expect(mobilesIn(JSON.stringify(list))).toEqual([]);
  return { list, filings: (await ok(a.operator.get(`/api/filings?spaceId=${a.spaceId}`))).items as { level: string; status: string }[] };
}

describe('review chains, end to end', () => {
  it('许昌: county initial review → written recommendation → city review → city filing', async () => {
    const chain = 'xuchang_city';
    expect(CHAINS[chain].stages.map((s) => s.key)).toEqual(['county_review', 'county_recommend', 'city_review', 'city_decision']);
    const a = await submitDemoApplication(t, chain);
    expect(await notified('cg_reviewer', '县级初审')).toBe(1);
    // Only the county holding the space works its first stage.
    expect((await (await as('yz_reviewer')).post(`/api/review/applications/${a.id}/pass`, { stageKey: 'county_review', checklist: checklistOf(chain, 'county_review'), note: '经审核，符合要求' })).statusCode).toBe(404);
    expect((await (await as('xc_reviewer')).post(`/api/review/applications/${a.id}/pass`, { stageKey: 'county_review', checklist: checklistOf(chain, 'county_review'), note: '经审核，符合要求' })).statusCode).toBe(403);

    await pass('cg_reviewer', chain, a, 'county_review');
    expect(await stageOfApp(a.id)).toEqual({ status: 'in_review', stage_key: 'county_recommend' });
    await recommend('cg_reviewer', 'cg_admin', chain, a, 'county_recommend');
    expect(await stageOfApp(a.id)).toEqual({ status: 'in_review', stage_key: 'city_review' });
    await pass('xc_reviewer', chain, a, 'city_review');
    const list = await decide('xc_reviewer', 'xc_admin', chain, a, 'city_decision', '许科〔2026〕21号');
    expect(list).toMatchObject({ kind: 'filing', level: 'city', documentNumber: '许科〔2026〕21号' });
    expect(await stageOfApp(a.id)).toMatchObject({ status: 'filed' });
    const { filings } = await published(list.id, a);
    expect(filings).toEqual([expect.objectContaining({ level: 'city', status: 'active' })]);
    // The applicant heard of every step.
    for (const title of ['通过', '推荐', '结果已发布']) expect(await notified('op_cg_admin', title), title).toBeGreaterThanOrEqual(1);
    const history = (await ok(a.operator.get(`/api/applications/${a.id}`))).history.map((h: { action: string }) => h.action);
    expect(history).toEqual(expect.arrayContaining(['submit', 'review.pass']));
  });

  it('辽宁: authenticity review with a return and resubmission → public notice with an objection → recommendation → expert review → provincial filing', async () => {
    const chain = 'liaoning_province';
    const a = await submitDemoApplication(t, chain);
    const sy = await as('sy_reviewer');

    // Returned with a comment and a resubmission date; the applicant fixes and resubmits; the diff shows it.
    const due = new Date(Date.now() + 7 * 86400_000).toISOString();
    await ok(sy.post(`/api/review/applications/${a.id}/return`, { stageKey: 'city_authenticity', note: '请补充导师聘任情况', itemComments: [{ field: 'basicInfo.mentors', comment: '导师人数与聘书不符' }], resubmitDueAt: due }));
    expect(await stageOfApp(a.id)).toEqual({ status: 'returned', stage_key: 'city_authenticity' });
    expect(await notified('op_robot_admin', '退回')).toBe(1);
    const dossier = await ok(a.operator.get(`/api/applications/${a.id}`));
    const saved = await ok(a.operator.put(`/api/applications/${a.id}/dossier`, { revision: dossier.revision, basicInfo: { ...dossier.basicInfo, mentors: dossier.basicInfo.mentors + 2 } }));
    await ok(a.operator.post(`/api/applications/${a.id}/resubmit`, { revision: saved.revision, note: '已补充导师聘书' }));
    const rounds = await ok(sy.get(`/api/review/applications/${a.id}`));
    expect(rounds.rounds).toHaveLength(2);
    expect(JSON.stringify(rounds.diffs ?? rounds.rounds)).toContain('mentors');
    await pass('sy_reviewer', chain, a, 'city_authenticity');
    expect(await stageOfApp(a.id)).toEqual({ status: 'in_review', stage_key: 'city_notice' });

    // 公示: published by the city, seen by the public, an objection filed and dismissed, then concluded.
    const syAdmin = await as('sy_admin');
    const notice = await ok(
      syAdmin.post('/api/notices', {
        callId: a.callId,
        stageKey: 'city_notice',
        applicationIds: [a.id],
        title: '沈阳市专业化众创空间真实性审查结果公示',
        body: '公示期内如有异议，请实名提出。',
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      }),
      201,
    );
    expect(await stageOfApp(a.id)).toMatchObject({ status: 'in_public_notice' });
    const visitor = new Agent(t.app, '10.9.9.9');
    await visitor.get('/api/auth/csrf');
    const pub = await ok(visitor.get(`/api/public/notices/${notice.id}`));
    expect(pub.entries).toEqual([expect.objectContaining({ spaceName: a.spaceName })]);
    const { payload, headers } = multipart([
      { name: 'entryId', data: pub.entries[0].id },
      { name: 'name', data: '陈公民' },
      { name: 'contact', data: '13912345678' },
      { name: 'grounds', data: '听说该空间导师人数有虚报情况，请核实。' },
    ]);
    const objection = await visitor.request('POST', `/api/public/notices/${notice.id}/objections`, payload, { headers });
    expect(objection.statusCode, objection.body).toBe(201);
    const detail = await ok(syAdmin.get(`/api/notices/${notice.id}`));
    await ok(syAdmin.post(`/api/notices/${notice.id}/objections/${detail.objections[0].id}/handle`, { result: 'dismissed', investigationNote: '经核查导师聘书齐全', reason: '异议不成立' }));
    // The seven days pass (moved back rather than waited for: a short real window raced a busy machine).
    await t.ctx.database.query(`update public_notices set starts_at = now() - interval '8 days', ends_at = now() - interval '1 minute' where id = $1`, [notice.id]);
    await concludeNoticeJob(t.ctx.db, { noticeId: notice.id });
    expect(await stageOfApp(a.id)).toEqual({ status: 'in_review', stage_key: 'city_recommend' });

    await recommend('sy_reviewer', 'sy_admin', chain, a, 'city_recommend');
    expect(await stageOfApp(a.id)).toEqual({ status: 'in_review', stage_key: 'province_expert' });
    await expertReview('ln_admin', a);
    await pass('ln_reviewer', chain, a, 'province_expert');
    const list = await decide('ln_reviewer', 'ln_admin', chain, a, 'province_decision', '辽科发〔2026〕9号');
    expect(list).toMatchObject({ kind: 'filing', level: 'province' });
    const { filings } = await published(list.id, a);
    expect(filings).toEqual([expect.objectContaining({ level: 'province', status: 'active' })]);
  });

  it('江苏 → national: recommendation with letters → intake → formal review → expert review → selection → ministry review → national filing list', async () => {
    const chain = 'jiangsu_national';
    const a = await submitDemoApplication(t, chain);
    // 南京 (not 苏州, not the 苏州 high-tech zone) recommends a 南京 space.
    expect((await (await as('sz_reviewer')).get(`/api/recommendations/candidates?callId=${a.callId}`)).json().items ?? []).toEqual([]);
    await recommend('nj_reviewer', 'nj_admin', chain, a, 'city_recommend');
    expect(await stageOfApp(a.id)).toEqual({ status: 'in_review', stage_key: 'intake' });
    const pkg = await ok((await as('js_intake')).get(`/api/recommendations/for-application/${a.id}`));
    expect(JSON.stringify(pkg)).toContain('科推〔2026〕8号');
    await pass('js_intake', chain, a, 'intake');
    await pass('js_reviewer', chain, a, 'province_formal');
    await expertReview('js_admin', a);
    await pass('js_reviewer', chain, a, 'province_expert');
    const selection = await decide('js_reviewer', 'js_admin', chain, a, 'province_selection', '苏科高〔2026〕30号');
    expect(selection).toMatchObject({ kind: 'recommendation', level: 'province' });
    expect(await stageOfApp(a.id)).toEqual({ status: 'in_review', stage_key: 'national_review' });
    expect(await notified('most_reviewer', '科技部审核')).toBeGreaterThanOrEqual(1);
    await pass('most_reviewer', chain, a, 'national_review');
    const list = await decide('most_reviewer', 'most_admin', chain, a, 'national_decision', '国科火字〔2026〕100号');
    expect(list).toMatchObject({ kind: 'filing', level: 'national' });
    const { filings } = await published(list.id, a);
    expect(filings).toEqual([expect.objectContaining({ level: 'national', status: 'active' })]);
    const index = await ok(new Agent(t.app).get('/api/public/filing-lists?level=national'));
    expect(index.items.map((l: { id: string }) => l.id)).toContain(list.id);
  });

  it('辽宁 → national: a filed provincial space is recommended by the province, reviewed by the ministry and filed nationally', async () => {
    // A 辽宁 space filed by the province; another, not filed, of the same operator.
    const filed = await applicationAtStage(t, 'liaoning_province', 'province_decision');
    await decide('ln_reviewer', 'ln_admin', 'liaoning_province', filed, 'province_decision', '辽科发〔2026〕31号');
    const unfiled = await applicationAtStage(t, 'liaoning_province', 'city_authenticity');

    const most = await as('most_admin');
    const now = Date.now();
    const created = await ok(
      most.post('/api/calls', {
        title: '2026年国家专业化众创空间备案推荐（省级备案空间）',
        level: 'national',
        year: 2026,
        opensAt: new Date(now - 3600_000).toISOString(),
        closesAt: new Date(now + 30 * 86400_000).toISOString(),
        eligibleCategories: ['professional'],
        materialSlots: [{ key: 'business_licence', name: '营业执照', required: true }],
        chainId: await shippedChainVersionId(t.ctx.db, 'province_national'),
      }),
      201,
    );
    await ok(most.post(`/api/calls/${created.id}/publish`, { revision: created.revision }));

    const open = (await ok(filed.operator.get('/api/calls/open'))).items.find((c: { id: string }) => c.id === created.id);
    expect(open.eligibleSpaces.map((s: { id: string }) => s.id)).toContain(filed.spaceId);
    expect(open.eligibleSpaces.map((s: { id: string }) => s.id)).not.toContain(unfiled.spaceId);
    const refused = await filed.operator.post('/api/applications', { callId: created.id, spaceId: unfiled.spaceId });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0]).toMatchObject({ field: 'body.spaceId', message: expect.stringContaining('已获省级备案') });

    const app = await ok(filed.operator.post('/api/applications', { callId: created.id, spaceId: filed.spaceId }), 201);
    const saved = await ok(filed.operator.put(`/api/applications/${app.id}/dossier`, { revision: app.revision, basicInfo: { ...COMPLETE_BASIC_INFO, spaceName: filed.spaceName }, report: COMPLETE_REPORT }));
    await ok(filed.operator.post(`/api/applications/${app.id}/attachments`, { slotKey: 'business_licence', fileId: (await uploadFile(filed.operator, '营业执照.pdf')).id }), 201);
    await ok(filed.operator.post(`/api/applications/${app.id}/submit`, { revision: saved.revision }));
    const national: Submitted = { ...filed, id: app.id, callId: created.id };
    expect(await stageOfApp(app.id)).toEqual({ status: 'submitted', stage_key: 'province_recommend' });

    // The province's letter and commitment go to the ministry.
    await recommend('ln_reviewer', 'ln_admin', 'province_national', national, 'province_recommend');
    expect(await stageOfApp(app.id)).toEqual({ status: 'in_review', stage_key: 'national_review' });
    await pass('most_reviewer', 'province_national', national, 'national_review');
    const list = await decide('most_reviewer', 'most_admin', 'province_national', national, 'national_decision', '国科火字〔2026〕101号');
    expect(list).toMatchObject({ kind: 'filing', level: 'national' });
    const { filings } = await published(list.id, national);
    expect(filings.map((f) => [f.level, f.status]).sort()).toEqual([
      ['national', 'active'],
      ['province', 'active'],
    ]);
  });
});
