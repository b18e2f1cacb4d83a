import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Agent } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { seedHistory } from '../../seed/history.ts';
import { SYSTEM_CONTEXT } from '../../shared/audit-context.ts';
import { fileObjection } from '../notices/index.ts';
import { statementProbe } from '../../db/client.ts';
import { loadActor } from '../identity/index.ts';
import { onGradesReleased } from './released.ts';
import { evaluationRoundEntries } from './rounds.ts';
import { markMissedEvaluations } from './missed.ts';
import { pendingPayloads } from '../jobs/index.ts';

/**
 * A 辽宁 evaluation round end to end over the API: the province opens it on its shipped scheme and
 * the city-to-province chain, each enrolled space writes its summary, confirms its figures and hands
 * it in, 沈阳 gives its opinion, the province's experts score the qualitative items (a conflicted
 * expert is never assigned), scores compute for the whole round (no accepted return: 应评未评 ⇒
 * 不合格), an objection upheld during the notice corrects one grade, and the release publishes the
 * grades with the list's 文号.
 */
let t: TestApp;
const as: Record<string, Agent> = {};
const released: { spaceIds: string[]; year: number }[] = [];
onGradesReleased(async (_tx, r) => void released.push(r));

const q = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => t.ctx.database.query<T>(sql, params);
const SUMMARY = { overview: '空间面积 3000 平方米，工位 180 个。', services: '提供投融资、技术转移等服务。', incubation: '在孵企业 32 家，新注册 9 家。', activities: '举办路演 12 场。', management: '财务单独核算。', plans: '下一年度加强国际合作。' };
let roundId: string;
let entries: { id: string; spaceId: string; operator: string }[] = [];
const OPEN = { year: 2026, dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString() };
let schemeId: string;
let chainId: string;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  await seedHistory(t.ctx.db, t.config, { servicePlatform: false });
  for (const u of ['ln_admin', 'ln_reviewer', 'sy_admin', 'sy_reviewer', 'dl_reviewer', 'xc_admin', 'js_admin', 'expert_li', 'expert_liu', 'expert_ma', 'expert_gao', 'op_univ_admin']) as[u] = await signIn(t.app, u);
  schemeId = (await q<{ id: string }>(`select id from evaluation_schemes where region_code = '210000' and year = 2026 and status = 'published' order by version desc limit 1`))[0]!.id;
  chainId = (await q<{ id: string }>(`select id from chains where key = 'evaluation_city_province' order by version desc limit 1`))[0]!.id;
}, 400_000);
afterAll(() => t.close());

describe('opening a round', () => {
  it('refuses bad input naming the field, a scheme of another jurisdiction or year, a chain of another level, and outsiders', async () => {
    const admin = as.ln_admin!;
    const rounds = async () => (await q<{ n: number }>(`select count(*)::int as n from evaluation_rounds`))[0]!.n;
    const before = await rounds();
    expect((await admin.post('/api/evaluation/rounds', { ...OPEN, year: 'x', schemeId, chainId })).json().error.fields[0].field).toBe('body.year');
    const xuchangScheme = (await q<{ id: string }>(`select id from evaluation_schemes where region_code = '411000' limit 1`))[0]!.id;
    const other = await admin.post('/api/evaluation/rounds', { ...OPEN, schemeId: xuchangScheme, chainId });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.fields[0].field).toBe('body.schemeId');
    expect((await admin.post('/api/evaluation/rounds', { ...OPEN, year: 2025, schemeId, chainId })).json().error.fields[0].field).toBe('body.schemeId');
    const cityChain = (await q<{ id: string }>(`select id from chains where key = 'evaluation_city' limit 1`))[0]!.id;
    expect((await admin.post('/api/evaluation/rounds', { ...OPEN, schemeId, chainId: cityChain })).json().error.fields[0].field).toBe('body.chainId');
    for (const outsider of ['ln_reviewer', 'sy_reviewer', 'op_univ_admin', 'expert_li'])
      expect((await as[outsider]!.post('/api/evaluation/rounds', { ...OPEN, schemeId, chainId })).statusCode, outsider).toBe(403);
    expect(await rounds()).toBe(before);
  });

  it('enrols every professional space filed in the province, one draft each, and refuses a second round of the year', async () => {
    const res = await as.ln_admin!.post('/api/evaluation/rounds', { ...OPEN, schemeId, chainId });
    expect(res.statusCode, res.body).toBe(201);
    roundId = res.json().id;
    const filed = await q<{ n: number }>(
      `select count(distinct s.id)::int as n from spaces s join regions r on r.code = s.region_code join filings f on f.space_id = s.id and f.status = 'active'
       where s.status = 'active' and s.category = 'professional' and r.path like '000000/210000/%'`,
    );
    expect(res.json().enrolled).toBe(filed[0]!.n);
    expect(res.json().enrolled).toBeGreaterThanOrEqual(2);
    entries = await q<{ id: string; spaceId: string; operator: string }>(
      `select a.id, a.space_id as "spaceId", (select u.username from users u where u.org_id = a.operator_org_id order by u.username limit 1) as operator
       from applications a where a.call_id = $1 order by a.id`,
      [roundId],
    );
    expect(entries.every((e) => e.operator)).toBe(true);
    // The experts' sheet comes from the scheme's expert items.
    const sheet = await q<{ criteria: { key: string; weight: number }[] }>(`select criteria from score_sheets where call_id = $1`, [roundId]);
    expect(sheet[0]!.criteria.map((c) => c.key)).toEqual(['specialisation', 'synergy']);
    expect(sheet[0]!.criteria.reduce((s, c) => s + c.weight, 0)).toBe(100);
    const again = await as.ln_admin!.post('/api/evaluation/rounds', { ...OPEN, schemeId, chainId });
    expect(again.statusCode).toBe(409);
  });
});

describe('the operator’s evaluation', () => {
  it('saves the summary, confirms the figures and hands it in; bad input names the field; outsiders change nothing', async () => {
    for (const e of entries) {
      const op = (as[e.operator] ??= await signIn(t.app, e.operator));
      const read = await op.get(`/api/evaluation/entries/${e.id}`);
      expect(read.statusCode, read.body).toBe(200);
      let revision = read.json().revision as number;
      const bad = await op.put(`/api/evaluation/entries/${e.id}/summary`, { revision, summary: { overview: 'x'.repeat(5001) } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields[0].field).toBe('body.summary.overview');
      const unknown = await op.put(`/api/evaluation/entries/${e.id}/summary`, { revision, summary: { nonsense: 'x' } });
      expect(unknown.statusCode).toBe(400);
      // Not yet complete: the submission names what is missing.
      const early = await op.post(`/api/evaluation/entries/${e.id}/submit`, { revision });
      expect(early.statusCode).toBe(400);
      expect(early.json().error.fields.map((f: { field: string }) => f.field)).toContain('figuresConfirmed');
      // Outsiders: another operator, a reviewer, an expert — nothing changes.
      for (const outsider of ['op_univ_admin', 'sy_reviewer', 'expert_li'].filter((u) => u !== e.operator)) {
        const res = await as[outsider]!.put(`/api/evaluation/entries/${e.id}/summary`, { revision, summary: SUMMARY });
        expect([403, 404], outsider).toContain(res.statusCode);
        expect([403, 404], outsider).toContain((await as[outsider]!.post(`/api/evaluation/entries/${e.id}/confirm-figures`, { revision })).statusCode);
        expect([403, 404], outsider).toContain((await as[outsider]!.post(`/api/evaluation/entries/${e.id}/submit`, { revision })).statusCode);
      }
      expect((await op.get(`/api/evaluation/entries/${e.id}`)).json().summary).toBeNull();
      const saved = await op.put(`/api/evaluation/entries/${e.id}/summary`, { revision, summary: SUMMARY });
      expect(saved.statusCode, saved.body).toBe(200);
      revision = saved.json().revision;
      expect((await op.put(`/api/evaluation/entries/${e.id}/summary`, { revision: revision - 1, summary: SUMMARY })).statusCode).toBe(409);
      const confirmed = await op.post(`/api/evaluation/entries/${e.id}/confirm-figures`, { revision });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      const submitted = await op.post(`/api/evaluation/entries/${e.id}/submit`, { revision: confirmed.json().revision });
      expect(submitted.statusCode, submitted.body).toBe(200);
      expect(submitted.json().stage.key).toBe('city_opinion');
      expect((await op.put(`/api/evaluation/entries/${e.id}/summary`, { revision: submitted.json().revision, summary: SUMMARY })).statusCode).toBe(409);
    }
    for (const outsider of ['ln_admin', 'sy_reviewer', 'expert_li']) expect((await as[outsider]!.get('/api/evaluation/mine')).statusCode, outsider).toBe(403);
    const mine = await as[entries[0]!.operator]!.get('/api/evaluation/mine');
    expect(mine.json().items.map((i: { id: string }) => i.id)).toContain(entries[0]!.id);
  });
});

describe('outsiders', () => {
  it('find no evaluation of another operator or province, and give no opinion on it: nothing changes', async () => {
    const state = async () => ({
      entries: await q(`select * from evaluation_entries where call_id = $1 order by submission_id`, [roundId]),
      submissions: await q(`select id, status, stage_key, revision from applications where call_id = $1 order by id`, [roundId]),
    });
    const before = await state();
    const e = entries[0]!;
    // Another province's admin and another operator: no such evaluation, no such round.
    expect((await as.js_admin!.get(`/api/evaluation/entries/${e.id}`)).statusCode).toBe(404);
    expect((await as.js_admin!.get(`/api/evaluation/rounds/${roundId}/entries`)).statusCode).toBe(404);
    expect((await as.op_univ_admin!.get(`/api/evaluation/entries/${e.id}`)).statusCode).toBe(404);
    expect((await as.op_univ_admin!.get(`/api/evaluation/rounds/${roundId}/entries`)).statusCode).toBe(403);
    // The opinion belongs to the city at the opinion stage: the province, its operator, an expert and
    // 许昌 give none.
    expect((await as.ln_admin!.put(`/api/evaluation/entries/${e.id}/opinion`, { opinion: '同意' })).statusCode).toBe(403);
    expect((await as[e.operator]!.put(`/api/evaluation/entries/${e.id}/opinion`, { opinion: '同意' })).statusCode).toBe(403);
    for (const outsider of ['xc_admin', 'js_admin', 'expert_li']) expect([403, 404], outsider).toContain((await as[outsider]!.put(`/api/evaluation/entries/${e.id}/opinion`, { opinion: '同意' })).statusCode);
    expect((await t.app.inject({ method: 'GET', url: `/api/evaluation/entries/${e.id}` })).statusCode).toBe(401);
    expect(await state()).toEqual(before);
  });
});

describe('stages, scores and release', () => {
  it('takes the local opinion at the opinion stage from the city only, then the review module passes it', async () => {
    for (const e of entries) {
      const city = (await q<{ code: string }>(`select r.path as code from spaces s join regions r on r.code = s.region_code where s.id = $1`, [e.spaceId]))[0]!.code.split('/')[2];
      const reviewer = city === '210200' ? as.dl_reviewer! : as.sy_reviewer!;
      const outsider = city === '210200' ? as.sy_reviewer! : as.dl_reviewer!;
      expect([403, 404]).toContain((await outsider.put(`/api/evaluation/entries/${e.id}/opinion`, { opinion: '同意' })).statusCode);
      expect((await as[e.operator]!.put(`/api/evaluation/entries/${e.id}/opinion`, { opinion: '同意' })).statusCode).toBe(403);
      expect((await as.op_univ_admin!.put(`/api/evaluation/entries/${e.id}/opinion`, { opinion: '同意' })).statusCode).toBe(404);
      expect((await reviewer.put(`/api/evaluation/entries/${e.id}/opinion`, { opinion: '' })).json().error.fields[0].field).toBe('body.opinion');
      const opinion = await reviewer.put(`/api/evaluation/entries/${e.id}/opinion`, { opinion: '该空间年度工作扎实，数据与日常掌握情况一致，同意参加评价。' });
      expect(opinion.statusCode, opinion.body).toBe(200);
      expect(opinion.json().localOpinion).toContain('同意参加评价');
      const passed = await reviewer.post(`/api/review/applications/${e.id}/pass`, {
        stageKey: 'city_opinion',
        checklist: [
          { key: 'summary_read', verdict: 'ok', note: '已审阅' },
          { key: 'figures_checked', verdict: 'ok', note: '一致' },
        ],
        note: '同意',
      });
      expect(passed.statusCode, passed.body).toBe(200);
    }
  });

  it('has the province’s experts score the expert items, never assigning a conflicted expert', async () => {
    // expert_li declares a conflict with the first space's operator.
    const first = entries[0]!;
    const operatorOrg = (await q<{ id: string }>(`select operator_org_id as id from spaces where id = $1`, [first.spaceId]))[0]!.id;
    const li = (await q<{ id: string }>(`select id from users where username = 'expert_li'`))[0]!.id;
    await q(`update expert_profiles set conflict_org_ids = conflict_org_ids || to_jsonb($1::text) where user_id = $2`, [operatorOrg, li]);
    const plan = await as.ln_admin!.post('/api/expert-stage/auto-assign', { callId: roundId, stageKey: 'province_expert' });
    expect(plan.statusCode, plan.body).toBe(200);
    const panelOfFirst = plan.json().assigned.find((a: { applicationId: string }) => a.applicationId === first.id);
    expect(panelOfFirst.experts.map((x: { userId: string }) => x.userId)).not.toContain(li);
    const manual = await as.ln_admin!.post(`/api/expert-stage/applications/${first.id}/assignments`, { stageKey: 'province_expert', expertUserIds: [li] });
    expect(manual.statusCode).toBe(409);
    for (const u of ['expert_li', 'expert_liu', 'expert_ma', 'expert_gao']) {
      const mine = (await as[u]!.get('/api/expert/assignments')).json().items.filter((a: { applicationId: string }) => entries.some((e) => e.id === a.applicationId));
      for (const a of mine) {
        expect((await as[u]!.post(`/api/expert/assignments/${a.id}/declare`, { confirm: true })).statusCode).toBe(200);
        const res = await as[u]!.post(`/api/expert/assignments/${a.id}/scores`, { scores: { specialisation: 8, synergy: 4 }, comment: '特色鲜明' });
        expect(res.statusCode, res.body).toBe(200);
      }
    }
    for (const e of entries) {
      const passed = await as.ln_reviewer!.post(`/api/review/applications/${e.id}/pass`, { stageKey: 'province_expert', checklist: [{ key: 'scores_complete', verdict: 'ok', note: '已完成' }], note: '评分完成' });
      expect(passed.statusCode, passed.body).toBe(200);
    }
  });

  it('computes the whole round’s scores with every point explained; no accepted return is 应评未评 and 不合格', async () => {
    for (const outsider of ['ln_reviewer', 'sy_admin', 'xc_admin', 'op_univ_admin'])
      expect([403, 404], outsider).toContain((await as[outsider]!.post(`/api/evaluation/rounds/${roundId}/scores`, {})).statusCode);
    expect((await q<{ n: number }>(`select count(*)::int as n from evaluation_entries where call_id = $1 and score is not null`, [roundId]))[0]!.n).toBe(0);
    const res = await as.ln_admin!.post(`/api/evaluation/rounds/${roundId}/scores`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().scored).toBe(entries.length);
    const page = await as.ln_reviewer!.get(`/api/evaluation/rounds/${roundId}/entries?pageSize=50`);
    expect(page.statusCode, page.body).toBe(200);
    const items = page.json().items as { id: string; grade: string; gradeReason: { zh: string }; score: { items: { key: string; points: number; text: { zh: string } }[]; missingReturn: boolean } }[];
    // 辽宁's returns of 2026 are not accepted in the history: every space is 应评未评.
    for (const i of items) {
      expect(i.score.missingReturn).toBe(true);
      expect(i.grade).toBe('fail');
      expect(i.gradeReason.zh).toContain('应评未评');
      const specialisation = i.score.items.find((x) => x.key === 'specialisation')!;
      expect(specialisation.points).toBe(8);
      expect(specialisation.text.zh).toContain('得8分');
      expect(i.score.items.find((x) => x.key === 'fund')!.text.zh).toContain('无已审定的统计报表数据');
    }
    expect(page.json().round.distribution).toMatchObject({ fail: entries.length, unscored: 0 });
    expect((await as.ln_reviewer!.get(`/api/evaluation/rounds/${roundId}/entries?grade=excellent`)).json().total).toBe(0);
    // The page, its count, the distribution and the scheme: a fixed number of statements whatever the round's size.
    const reviewer = (await loadActor(t.ctx.db, (await q<{ id: string }>(`select id from users where username = 'ln_reviewer'`))[0]!.id, 'test'))!;
    const { statements } = await statementProbe.count(() => evaluationRoundEntries(t.ctx.db, reviewer, roundId, { page: 1, pageSize: 50 }));
    expect(statements).toBeLessThanOrEqual(5);
    expect((await as.ln_reviewer!.get(`/api/evaluation/rounds/${roundId}/entries?grade=best`)).json().error.fields[0].field).toBe('querystring.grade');
    // Isolation: 许昌 and 江苏 see no 辽宁 round; an operator reads no round.
    expect((await as.xc_admin!.get(`/api/evaluation/rounds/${roundId}/entries`)).statusCode).toBe(404);
    expect((await as.js_admin!.get('/api/evaluation/rounds')).json().items).toEqual([]);
    expect((await as.op_univ_admin!.get('/api/evaluation/rounds')).statusCode).toBe(403);
    expect((await as.xc_admin!.get(`/api/evaluation/entries/${entries[0]!.id}`)).statusCode).toBe(404);
    // 沈阳 sees its own spaces of the province's round.
    expect((await as.sy_reviewer!.get('/api/evaluation/rounds')).json().items.map((r: { id: string }) => r.id)).toEqual([roundId]);
  });

  it('puts the grades on a notice; an upheld objection blocks one, whose grade the province corrects with a reason', async () => {
    const ids = entries.map((e) => e.id);
    const notice = await as.ln_admin!.post('/api/notices', {
      callId: roundId,
      stageKey: 'province_notice',
      applicationIds: ids,
      title: '辽宁省2026年度专业化众创空间评价结果公示',
      body: '现将评价结果予以公示。',
      startsAt: new Date(Date.now() - 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    expect(notice.statusCode, notice.body).toBe(201);
    const entry = notice.json().entries.find((e: { applicationId: string }) => e.applicationId === ids[0]);
    await fileObjection(t.ctx.db, t.config, { ...SYSTEM_CONTEXT, actorUsername: null }, notice.json().id, { entryId: entry.id, name: '王立新', contact: '13800000000', grounds: '该空间当年统计报表已按期报送，系省级审定延误所致，评为不合格不当。' });
    const objection = (await as.ln_admin!.get(`/api/notices/${notice.json().id}`)).json().objections[0];
    // Correcting before the objection is upheld: 409, nothing changes.
    expect((await as.ln_admin!.post(`/api/evaluation/entries/${ids[0]}/grade`, { grade: 'pass', reason: '核实' })).statusCode).toBe(409);
    const handled = await as.ln_admin!.post(`/api/notices/${notice.json().id}/objections/${objection.id}/handle`, { result: 'upheld', investigationNote: '经核实，报表已按期报送，审定延误不应由空间承担。', reason: '异议成立' });
    expect(handled.statusCode, handled.body).toBe(200);
    // The seven days pass (moved back rather than waited for: a short real window raced a busy machine).
    await q(`update public_notices set starts_at = now() - interval '8 days', ends_at = now() - interval '1 minute' where id = $1`, [notice.json().id]);
    expect((await as.ln_admin!.post(`/api/notices/${notice.json().id}/conclude`, {})).statusCode).toBe(200);
    // Outsiders and bad input: nothing changes.
    for (const outsider of ['ln_reviewer', 'sy_admin', 'op_univ_admin'])
      expect([403, 404], outsider).toContain((await as[outsider]!.post(`/api/evaluation/entries/${ids[0]}/grade`, { grade: 'pass', reason: '核实' })).statusCode);
    expect((await as.ln_admin!.post(`/api/evaluation/entries/${ids[0]}/grade`, { grade: 'best', reason: '核实' })).json().error.fields[0].field).toBe('body.grade');
    expect((await as.ln_admin!.post(`/api/evaluation/entries/${ids[0]}/grade`, { grade: 'pass', reason: '' })).json().error.fields[0].field).toBe('body.reason');
    expect((await q<{ grade: string }>(`select grade from evaluation_entries where submission_id = $1`, [ids[0]]))[0]!.grade).toBe('fail');
    const corrected = await as.ln_admin!.post(`/api/evaluation/entries/${ids[0]}/grade`, { grade: 'pass', reason: '统计报表已按期报送，不属应评未评' });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json()).toMatchObject({ grade: 'pass', gradeCorrected: true, stage: { key: 'province_decision' } });
    expect(corrected.json().gradeReason.zh).toContain('异议成立');
    // Computing again keeps the corrected grade.
    await as.ln_admin!.post(`/api/evaluation/rounds/${roundId}/scores`, {});
    expect((await q<{ grade: string }>(`select grade from evaluation_entries where submission_id = $1`, [ids[0]]))[0]!.grade).toBe('pass');
    const audited = await q<{ action: string }>(`select action from audit_log where object_id = $1 order by id`, [ids[0]]);
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['evaluation.save_summary', 'evaluation.confirm_figures', 'evaluation.submit', 'evaluation.opinion', 'evaluation.correct_grade']));
  });

  it('releases the grades as a published list with its 文号, writing the published grades', async () => {
    // The demo history's releases told the listeners too.
    released.length = 0;
    const decisionIds: string[] = [];
    for (const e of entries) {
      const d = await as.ln_reviewer!.post('/api/decisions', { applicationId: e.id, stageKey: 'province_decision', outcome: 'approve', reason: '评价等次依据充分', checklist: [{ key: 'grade_basis', verdict: 'ok', note: '依据充分' }] });
      expect(d.statusCode, d.body).toBe(201);
      decisionIds.push(d.json().id);
    }
    const list = await as.ln_admin!.post('/api/decisions/release', { callId: roundId, stageKey: 'province_decision', decisionIds, expectedCount: decisionIds.length, title: '辽宁省2026年度专业化众创空间评价结果', documentNumber: '辽科发〔2026〕88号', issuedOn: '2026-12-04' });
    expect(list.statusCode, list.body).toBe(201);
    const grades = await q<{ space_id: string; grade: string; year: number; level: string; list_id: string }>(`select space_id, grade, year, level, list_id from evaluation_grades where call_id = $1 order by space_id`, [roundId]);
    expect(grades).toHaveLength(entries.length);
    expect(grades.every((g) => g.year === 2026 && g.level === 'province' && g.list_id === list.json().id)).toBe(true);
    expect(grades.find((g) => g.space_id === entries[0]!.spaceId)!.grade).toBe('pass');
    const number = await q<{ document_number: string }>(`select document_number from filing_lists where id = $1`, [list.json().id]);
    expect(number[0]!.document_number).toBe('辽科发〔2026〕88号');
    expect(released.map((r) => r.spaceIds[0]).sort()).toEqual(entries.map((e) => e.spaceId).sort());
    // The operator now sees its published grade.
    const mine = (await as[entries[0]!.operator]!.get('/api/evaluation/mine')).json().items.find((i: { id: string }) => i.id === entries[0]!.id);
    expect(mine.grade).toBe('pass');
  });
});

describe('应评未评: evaluations not handed in by the deadline', () => {
  /** 许昌's open round of the history: one evaluation handed in, the others drafts. */
  let callId: string;
  let drafts: { id: string; operator_org_id: string }[];

  beforeAll(async () => {
    callId = (
      await q<{ id: string }>(
        `select c.id from calls c join evaluation_rounds r on r.call_id = c.id join organisations o on o.id = c.authority_org_id where o.region_code = '411000' order by r.year desc limit 1`,
      )
    )[0]!.id;
    drafts = await q<{ id: string; operator_org_id: string }>(`select id, operator_org_id from applications where call_id = $1 and status = 'draft' order by id`, [callId]);
  });

  it('queues the due job for the round’s deadline when the round is opened', async () => {
    expect(await pendingPayloads(t.ctx.db, 'evaluation.due')).toContainEqual({ callId: roundId });
  });

  it('shows the round’s progress by state, one grouped statement with the grades', async () => {
    const page = (await as.xc_admin!.get(`/api/evaluation/rounds/${callId}/entries?pageSize=50`)).json();
    expect(page.byStatus).toEqual([
      { status: 'draft', count: drafts.length, missed: 0 },
      { status: 'submitted', count: 1, missed: 0 },
    ]);
    expect(page.items.every((i: { missed: boolean }) => !i.missed)).toBe(true);
  });

  it('at the deadline hands every draft in as 应评未评, tells the operators, grades them 不合格; a second run changes nothing', async () => {
    expect(drafts.length).toBeGreaterThan(0);
    // Before the deadline the job finds nothing due.
    expect(await markMissedEvaluations(t.ctx.db, { callId })).toBe(0);
    expect((await q<{ n: number }>(`select count(*)::int as n from evaluation_entries where call_id = $1 and missed_at is not null`, [callId]))[0]!.n).toBe(0);

    await q(`update calls set closes_at = now() - interval '1 minute' where id = $1`, [callId]);
    expect(await markMissedEvaluations(t.ctx.db, { callId })).toBe(drafts.length);
    const after = await q<{ status: string; stage_key: string; missed: boolean }>(
      `select a.status, a.stage_key, e.missed_at is not null as missed from applications a join evaluation_entries e on e.submission_id = a.id where a.id = any($1::uuid[])`,
      [drafts.map((d) => d.id)],
    );
    expect(after.every((r) => r.status === 'submitted' && r.stage_key === 'county_opinion' && r.missed)).toBe(true);
    const events = await q<{ n: number }>(`select count(*)::int as n from application_events where application_id = any($1::uuid[]) and action = 'evaluation.missed' and actor_user_id is null`, [drafts.map((d) => d.id)]);
    expect(events[0]!.n).toBe(drafts.length);
    const told = await q<{ n: number }>(`select count(*)::int as n from notifications n join users u on u.id = n.user_id where u.org_id = $1 and n.title = '年度评价逾期未交'`, [drafts[0]!.operator_org_id]);
    expect(told[0]!.n).toBeGreaterThan(0);

    // Idempotent: nothing is handed in or counted twice.
    const audited = async () => (await q<{ n: number }>(`select count(*)::int as n from audit_log where action = 'evaluation_round.missed' and object_id = $1`, [callId]))[0]!.n;
    expect(await audited()).toBe(1);
    expect(await markMissedEvaluations(t.ctx.db, { callId })).toBe(0);
    expect(await audited()).toBe(1);

    const page = (await as.xc_admin!.get(`/api/evaluation/rounds/${callId}/entries?pageSize=50`)).json();
    expect(page.byStatus).toEqual([{ status: 'submitted', count: drafts.length + 1, missed: drafts.length }]);
    const operator = (await q<{ username: string }>(`select username from users where org_id = $1 order by username limit 1`, [drafts[0]!.operator_org_id]))[0]!.username;
    const mine = await (as[operator] ??= await signIn(t.app, operator)).get(`/api/evaluation/entries/${drafts[0]!.id}`);
    expect(mine.json()).toMatchObject({ status: 'submitted', abilities: { edit: false } });
    expect(mine.json().missedAt).not.toBeNull();

    // Scored: 应评未评 is 不合格 as the scheme says (missingReturnFails), whatever the figures.
    expect((await as.xc_admin!.post(`/api/evaluation/rounds/${callId}/scores`, {})).statusCode).toBe(200);
    const scored = (await as.xc_admin!.get(`/api/evaluation/rounds/${callId}/entries?pageSize=50`)).json().items as { id: string; missed: boolean; grade: string; gradeReason: { zh: string } }[];
    const missed = scored.filter((i) => i.missed);
    expect(missed.map((i) => i.id).sort()).toEqual(drafts.map((d) => d.id).sort());
    for (const i of missed) expect(i).toMatchObject({ grade: 'fail', gradeReason: { zh: '应评未评：未在截止时间前提交年度评价材料，评为不合格' } });
  });

  it('names the figures an operator confirms by the catalogue, not by code', async () => {
    const [accepted] = await q<{ submission_id: string; operator_org_id: string }>(
      `select a.id as submission_id, a.operator_org_id from evaluation_entries e join applications a on a.id = e.submission_id
        join calls c on c.id = e.call_id join evaluation_rounds r on r.call_id = c.id
        where exists (select 1 from return_values v join return_rounds rr on rr.call_id = v.call_id where v.space_id = e.space_id and rr.period = r.year::text and v.accepted_at is not null)
        limit 1`,
    );
    expect(accepted).toBeDefined();
    const operator = (await q<{ username: string }>(`select username from users where org_id = $1 order by username limit 1`, [accepted!.operator_org_id]))[0]!.username;
    const read = (await (as[operator] ??= await signIn(t.app, operator)).get(`/api/evaluation/entries/${accepted!.submission_id}`)).json();
    const codes = Object.keys(read.figures.returnValues);
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect(read.figures.labels[code]).toMatchObject({ label: expect.any(String), labelEn: expect.any(String) });
    expect(read.figures.labels.workstations).toMatchObject({ label: expect.stringContaining('工位') });
  });
});
