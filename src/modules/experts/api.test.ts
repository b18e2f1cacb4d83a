import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { fileUpload, SAMPLE } from '../../../test/helpers/multipart.ts';
import { stageOf } from '../../shared/chains.ts';
import type { KeyIndustry } from '../../shared/domain.ts';
import { COMPLETE_BASIC_INFO, COMPLETE_REPORT } from '../applications/fixtures.test-helper.ts';
import { transitionInTx } from '../workflow/index.ts';
import { SYSTEM_CONTEXT } from '../audit/service.ts';
import { createAccount } from '../identity/accounts.ts';
import { shippedChainVersionId } from '../chains/index.ts';

let t: TestApp;
const as: Record<string, Agent> = {};
const USERS = ['ln_admin', 'ln_reviewer', 'sy_admin', 'js_admin', 'op_robot_admin', 'op_robot_staff', 'expert_li', 'expert_liu', 'expert_ma', 'expert_gao', 'expert_wang'];
const ids: Record<string, string> = {};
const EXPERT_STAGE = stageOf('liaoning_province', 'province_expert')!;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  for (const u of USERS) as[u] = await signIn(t.app, u);
  for (const r of await t.ctx.database.query<{ id: string; username: string }>(`select id, username from users`)) ids[r.username] = r.id;
});
afterAll(() => t.close());

const orgIdOf = async (name: string) => (await t.ctx.database.query<{ id: string }>(`select id from organisations where name = $1`, [name]))[0]!.id;

let seq = 0;
/** A province call of 辽宁 on the Liaoning chain with one material slot (no rule set, no commitment). */
async function buildCall(): Promise<string> {
  seq += 1;
  const now = Date.now();
  const created = await as.ln_admin!.post('/api/calls', {
    title: `辽宁省众创空间备案（专家评审测试第${seq}批）`,
    level: 'province',
    year: 2026,
    opensAt: new Date(now - 3600_000).toISOString(),
    closesAt: new Date(now + 30 * 86400_000).toISOString(),
    eligibleCategories: ['regular'],
    materialSlots: [{ key: 'business_licence', name: '营业执照', required: true }],
    chainId: await shippedChainVersionId(t.ctx.db, 'liaoning_province'),
  });
  expect(created.statusCode, created.body).toBe(201);
  const published = await as.ln_admin!.post(`/api/calls/${created.json().id}/publish`, { revision: created.json().revision });
  expect(published.statusCode, published.body).toBe(200);
  return created.json().id;
}

/** An application of 新锐智造 (沈阳 浑南区) in `industry`, submitted and moved to the provincial expert stage. */
async function buildAtExpertStage(callId: string, industry: KeyIndustry): Promise<string> {
  seq += 1;
  const op = as.op_robot_staff!;
  const space = await as.op_robot_admin!.post('/api/spaces', {
    name: `新锐智造众创空间${seq}号`,
    category: 'regular',
    regularType: 'tech_support',
    industry,
    subField: '测试领域',
    foundedOn: '2016-05-01',
    regionCode: '210112',
    hostIds: [],
    onlinePlatform: { name: '新锐智造创客云' },
    managementSystems: { entryStandard: true, exitConditions: true, incubateeDatabase: true },
  });
  expect(space.statusCode, space.body).toBe(201);
  const created = await op.post('/api/applications', { callId, spaceId: space.json().id });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id;
  const saved = await op.put(`/api/applications/${id}/dossier`, { revision: created.json().revision, basicInfo: COMPLETE_BASIC_INFO, report: COMPLETE_REPORT });
  expect(saved.statusCode, saved.body).toBe(200);
  const { payload, headers } = fileUpload('营业执照.pdf', SAMPLE.pdf);
  const file = await op.request('POST', '/api/files', payload, { headers });
  expect((await op.post(`/api/applications/${id}/attachments`, { slotKey: 'business_licence', fileId: file.json().id })).statusCode).toBe(201);
  const submitted = await op.post(`/api/applications/${id}/submit`, { revision: saved.json().revision });
  expect(submitted.statusCode, submitted.body).toBe(200);
  // The earlier stages are other modules' work: move the application straight to the expert stage.
  await t.ctx.database.db.transaction((tx) => transitionInTx(tx, SYSTEM_CONTEXT, null, id, { action: 'advance', enterStage: EXPERT_STAGE }));
  return id;
}

/** Everything the expert endpoints could change. */
async function fingerprint() {
  const digest = (table: string) => `(select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) from ${table} t) as ${table}`;
  const [row] = await t.ctx.database.query(
    `select ${['expert_profiles', 'score_sheets', 'expert_assignments', 'notifications', 'mail_outbox'].map(digest).join(', ')},
       (select count(*)::int from audit_log where action <> 'access.denied') as audit_rows`,
  );
  return row;
}

const assign = (agent: Agent, appId: string, experts: string[]) =>
  agent.post(`/api/expert-stage/applications/${appId}/assignments`, { stageKey: 'province_expert', expertUserIds: experts.map((u) => ids[u]!) });
const myAssignment = async (expert: string, appId: string) =>
  ((await as[expert]!.get('/api/expert/assignments')).json().items as { id: string; applicationId: string; state: string }[]).find((a) => a.applicationId === appId)!;
const fullScores = (v: number) => ({ foundation: v, services: v, results: v, operation: v });

describe('expert pool', () => {
  it('lists the own pool with search and field filter', async () => {
    const all = (await as.ln_admin!.get('/api/experts')).json();
    expect(all.items.map((e: { username: string }) => e.username).sort()).toEqual(['expert_gao', 'expert_li', 'expert_liu', 'expert_ma']);
    expect(all.items.find((e: { username: string }) => e.username === 'expert_li')).toMatchObject({ regionName: '和平区', active: true, load: 0 });
    const equip = (await as.ln_admin!.get('/api/experts?field=advanced_equipment')).json();
    expect(equip.total).toBe(3);
    const q = (await as.ln_admin!.get(`/api/experts?q=${encodeURIComponent('东北大学')}`)).json();
    expect(q.items.map((e: { username: string }) => e.username)).toEqual(['expert_gao']);
    expect((await as.ln_admin!.get('/api/experts?field=nonsense')).statusCode).toBe(400);
    // Another authority sees its own (empty) pool, never 辽宁's.
    expect((await as.sy_admin!.get('/api/experts')).json().total).toBe(0);
  });

  it('adds an expert account, refusing a non-expert, an unknown user, a bad region and one of another pool', async () => {
    const body = { fields: ['new_energy'], affiliation: '沈阳工业大学', regionCode: '210114' };
    const orgId = await orgIdOf('辽宁省科技评审专家库');
    await createAccount(t.ctx.database.db, t.config, SYSTEM_CONTEXT, { username: 'expert_new', displayName: '新专家', password: 'Demo@2026', orgId, roles: ['expert'], mustChangePassword: false });
    const bad = async (b: object, status: number, field?: string) => {
      const res = await as.ln_admin!.post('/api/experts', b);
      expect(res.statusCode, res.body).toBe(status);
      if (field) expect(res.json().error.fields.map((f: { field: string }) => f.field)).toContain(field);
    };
    await bad({ ...body, username: 'nobody_here' }, 400, 'body.username');
    await bad({ ...body, username: 'ln_reviewer' }, 400, 'body.username');
    await bad({ ...body, username: 'expert_new', regionCode: '999999' }, 400, 'body.regionCode');
    await bad({ ...body, username: 'expert_new', fields: [] }, 400, 'body.fields');
    await bad({ ...body, username: 'expert_new', affiliationOrgId: '00000000-0000-4000-8000-000000000000' }, 400, 'body.affiliationOrgId');
    await bad({ ...body, username: 'expert_wang' }, 409);
    const created = await as.ln_admin!.post('/api/experts', { ...body, username: 'expert_new' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ username: 'expert_new', fields: ['new_energy'], regionName: '于洪区', active: true });
    await bad({ ...body, username: 'expert_new' }, 409);

    const updated = await as.ln_admin!.put(`/api/experts/${ids.expert_new ?? created.json().userId}`, { ...body, fields: ['new_energy', 'new_materials'] });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().fields).toEqual(['new_energy', 'new_materials']);
    expect((await as.ln_admin!.post(`/api/experts/${created.json().userId}/deactivate`)).json().active).toBe(false);
    expect((await as.ln_admin!.post(`/api/experts/${created.json().userId}/activate`)).json().active).toBe(true);
    const actions = await t.ctx.database.query<{ action: string }>(`select action from audit_log where object_id = $1 and action like 'expert.%' order by id`, [created.json().userId]);
    expect(actions.map((a) => a.action)).toEqual(['expert.pool.add', 'expert.pool.update', 'expert.pool.deactivate', 'expert.pool.activate']);
  });

  it('lets an expert declare a conflict on their own profile', async () => {
    const org = await orgIdOf('大连市科学技术局');
    const res = await as.expert_ma!.post('/api/expert/conflicts', { orgId: org, reason: '曾在该单位任职' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().conflictOrgs).toEqual([{ id: org, name: '大连市科学技术局' }]);
    expect((await as.expert_ma!.post('/api/expert/conflicts', { orgId: '00000000-0000-4000-8000-000000000000', reason: '原因' })).statusCode).toBe(400);
    expect((await as.expert_ma!.post('/api/expert/conflicts', { orgId: org })).statusCode).toBe(400);
  });

  it('finds organisations by name for pool admins and experts only', async () => {
    const found = (await as.ln_admin!.get(`/api/expert/org-options?q=${encodeURIComponent('新锐')}`)).json();
    expect(found.items.map((o: { name: string }) => o.name).sort()).toEqual(['沈阳新锐智造众创科技有限公司', '沈阳新锐机器人集团有限公司'].sort());
    expect((await as.expert_li!.get(`/api/expert/org-options?q=${encodeURIComponent('%')}`)).json().items).toEqual([]);
    for (const who of ['ln_reviewer', 'op_robot_admin']) expect((await as[who]!.get('/api/expert/org-options?q=a')).statusCode).toBe(403);
  });

  it('refuses outsiders and changes nothing', async () => {
    const before = await fingerprint();
    const li = ids.expert_li!;
    const body = { fields: ['new_energy'], affiliation: '某单位', regionCode: '210102' };
    for (const who of ['js_admin', 'sy_admin']) {
      expect((await as[who]!.put(`/api/experts/${li}`, body)).statusCode).toBe(404);
      expect((await as[who]!.post(`/api/experts/${li}/deactivate`)).statusCode).toBe(404);
    }
    for (const who of ['ln_reviewer', 'op_robot_admin', 'expert_li']) {
      expect((await as[who]!.get('/api/experts')).statusCode).toBe(403);
      expect((await as[who]!.post('/api/experts', { ...body, username: 'expert_li' })).statusCode).toBe(403);
      expect((await as[who]!.put(`/api/experts/${li}`, body)).statusCode).toBe(403);
      expect((await as[who]!.post(`/api/experts/${li}/deactivate`)).statusCode).toBe(403);
    }
    for (const who of ['ln_admin', 'op_robot_admin'])
      expect((await as[who]!.post('/api/expert/conflicts', { orgId: await orgIdOf('大连市科学技术局'), reason: '原因' })).statusCode).toBe(403);
    expect(await fingerprint()).toEqual(before);
  });
});

describe('score sheet', () => {
  let callId: string;
  beforeAll(async () => {
    callId = await buildCall();
  });

  it('answers the default sheet until one is saved, then saves with an optimistic revision', async () => {
    const def = (await as.ln_admin!.get(`/api/calls/${callId}/score-sheet`)).json();
    expect(def).toMatchObject({ isDefault: true, revision: 0, expertsPerApplication: 3, commentBelow: 60 });
    expect(def.criteria.map((c: { name: string; weight: number }) => [c.name, c.weight])).toEqual([
      ['建设基础', 25],
      ['服务能力', 25],
      ['孵化成效', 30],
      ['运营机制', 20],
    ]);
    const sheet = { criteria: [{ key: 'a', name: '甲', weight: 60, min: 0, max: 10 }, { key: 'b', name: '乙', weight: 40, min: 0, max: 10 }], commentBelow: 70, expertsPerApplication: 2, sameCityConflict: true };
    const saved = await as.ln_admin!.put(`/api/calls/${callId}/score-sheet`, { revision: 0, ...sheet });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ ...sheet, revision: 1, isDefault: false });
    expect((await as.ln_reviewer!.get(`/api/calls/${callId}/score-sheet`)).json().revision).toBe(1);
    expect((await as.ln_admin!.put(`/api/calls/${callId}/score-sheet`, { revision: 0, ...sheet })).statusCode).toBe(409);
    expect((await as.ln_admin!.put(`/api/calls/${callId}/score-sheet`, { revision: 1, ...sheet, commentBelow: 50 })).json().revision).toBe(2);
  });

  it('names the field of a bad sheet', async () => {
    const base = { revision: 2, commentBelow: 60, expertsPerApplication: 3, sameCityConflict: false };
    const fieldsOf = async (b: object) => {
      const res = await as.ln_admin!.put(`/api/calls/${callId}/score-sheet`, b);
      expect(res.statusCode, res.body).toBe(400);
      return res.json().error.fields.map((f: { field: string }) => f.field);
    };
    expect(await fieldsOf({ ...base, criteria: [{ key: 'a', name: '甲', weight: 60, min: 0, max: 10 }] })).toEqual(['body.criteria']);
    expect(await fieldsOf({ ...base, criteria: [{ key: 'a', name: '甲', weight: 100, min: 10, max: 10 }] })).toEqual(['body.criteria.0.max']);
    expect(await fieldsOf({ ...base, expertsPerApplication: 10, criteria: [{ key: 'a', name: '甲', weight: 100, min: 0, max: 10 }] })).toEqual(['body.expertsPerApplication']);
    expect(await fieldsOf({ ...base, commentBelow: 101, criteria: [{ key: 'a', name: '甲', weight: 100, min: 0, max: 10 }] })).toEqual(['body.commentBelow']);
  });

  it('refuses outsiders and changes nothing', async () => {
    const before = await fingerprint();
    const body = { revision: 2, criteria: [{ key: 'a', name: '甲', weight: 100, min: 0, max: 10 }], commentBelow: 60, expertsPerApplication: 3, sameCityConflict: false };
    for (const who of ['js_admin', 'sy_admin']) {
      expect((await as[who]!.get(`/api/calls/${callId}/score-sheet`)).statusCode).toBe(404);
      expect((await as[who]!.put(`/api/calls/${callId}/score-sheet`, body)).statusCode).toBe(404);
    }
    expect((await as.ln_reviewer!.put(`/api/calls/${callId}/score-sheet`, body)).statusCode).toBe(403);
    for (const who of ['op_robot_admin', 'expert_li']) {
      expect((await as[who]!.get(`/api/calls/${callId}/score-sheet`)).statusCode).toBe(403);
      expect((await as[who]!.put(`/api/calls/${callId}/score-sheet`, body)).statusCode).toBe(403);
    }
    expect(await fingerprint()).toEqual(before);
  });
});

describe('manual assignment, declaration, scoring, panel and results', () => {
  let callId: string;
  let appId: string;
  let other: string;
  beforeAll(async () => {
    callId = await buildCall();
    appId = await buildAtExpertStage(callId, 'advanced_equipment');
    other = await buildAtExpertStage(callId, 'advanced_equipment');
  });

  it('refuses a conflicted, an inactive and another pool’s expert, naming the reason', async () => {
    const opOrg = await orgIdOf('沈阳新锐智造众创科技有限公司');
    expect((await as.expert_gao!.post('/api/expert/conflicts', { orgId: opOrg, reason: '亲属在该公司任职' })).statusCode).toBe(200);
    const conflicted = await assign(as.ln_admin!, appId, ['expert_li', 'expert_gao']);
    expect(conflicted.statusCode).toBe(409);
    expect(conflicted.json().error.message).toContain('已申报与申报单位或建设主体存在利益冲突');
    expect((await as.ln_admin!.post(`/api/experts/${ids.expert_liu}/deactivate`)).statusCode).toBe(200);
    const inactive = await assign(as.ln_admin!, appId, ['expert_liu']);
    expect(inactive.statusCode).toBe(409);
    expect(inactive.json().error.message).toContain('已停用');
    expect((await as.ln_admin!.post(`/api/experts/${ids.expert_liu}/activate`)).statusCode).toBe(200);
    const foreign = await assign(as.ln_admin!, appId, ['expert_wang']);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields[0].field).toBe('body.expertUserIds.0');
    const wrongStage = await as.ln_admin!.post(`/api/expert-stage/applications/${appId}/assignments`, { stageKey: 'city_notice', expertUserIds: [ids.expert_li] });
    expect(wrongStage.statusCode).toBe(400);
    expect(await t.ctx.database.query(`select 1 from expert_assignments where application_id = $1`, [appId])).toEqual([]);
  });

  it('assigns, notifies the expert, and refuses the same expert twice', async () => {
    await t.ctx.database.query(`update users set email = 'li@example.cn' where username = 'expert_li'`);
    const res = await assign(as.ln_admin!, appId, ['expert_li', 'expert_liu', 'expert_ma']);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().assignments.map((a: { expert: { username: string }; state: string }) => [a.expert.username, a.state]).sort()).toEqual([
      ['expert_li', 'assigned'],
      ['expert_liu', 'assigned'],
      ['expert_ma', 'assigned'],
    ]);
    const notes = await t.ctx.database.query<{ title: string; link: string }>(`select title, link from notifications where user_id = $1`, [ids.expert_li]);
    expect(notes).toContainEqual({ title: '您有新的评审任务', link: '/app/my-reviews' });
    expect(await t.ctx.database.query(`select subject from mail_outbox where to_address = 'li@example.cn'`)).toEqual([{ subject: '您有新的评审任务' }]);
    expect((await assign(as.ln_admin!, appId, ['expert_li'])).statusCode).toBe(409);
  });

  it('keeps the dossier closed to the expert until the declaration is signed', async () => {
    expect((await as.expert_li!.get(`/api/applications/${appId}`)).statusCode).toBe(404);
    const mine = await myAssignment('expert_li', appId);
    expect(mine.state).toBe('assigned');
    expect((await as.expert_li!.post(`/api/expert/assignments/${mine.id}/scores`, { scores: fullScores(8) })).statusCode).toBe(409);
    expect((await as.expert_li!.post(`/api/expert/assignments/${mine.id}/declare`, { confirm: false })).statusCode).toBe(400);
    const declared = await as.expert_li!.post(`/api/expert/assignments/${mine.id}/declare`, { confirm: true });
    expect(declared.statusCode, declared.body).toBe(200);
    expect(declared.json().state).toBe('declared');
    expect((await as.expert_li!.post(`/api/expert/assignments/${mine.id}/declare`, { confirm: true })).statusCode).toBe(409);
    expect((await as.expert_li!.get(`/api/applications/${appId}`)).statusCode).toBe(200);
    // Another expert of the same application has not declared: still closed to them.
    expect((await as.expert_liu!.get(`/api/applications/${appId}`)).statusCode).toBe(404);
    const [audit] = await t.ctx.database.query<{ detail: { statement: string } }>(`select detail from audit_log where action = 'expert.declare' and object_id = $1`, [appId]);
    expect(audit!.detail.statement).toContain('不存在任职、兼职、合作');
  });

  it('validates the scores against the sheet, weighs them on the server, and takes them once', async () => {
    const { id } = await myAssignment('expert_li', appId);
    const post = (body: object) => as.expert_li!.post(`/api/expert/assignments/${id}/scores`, body);
    const fieldsOf = async (body: object) => {
      const res = await post(body);
      expect(res.statusCode, res.body).toBe(400);
      return res.json().error.fields.map((f: { field: string }) => f.field);
    };
    expect(await fieldsOf({ scores: { foundation: 80, services: 80, results: 80 } })).toEqual(['body.scores.operation']);
    expect(await fieldsOf({ scores: { ...fullScores(80), results: 101 } })).toEqual(['body.scores.results']);
    expect(await fieldsOf({ scores: { ...fullScores(80), extra: 1 } })).toEqual(['body.scores.extra']);
    expect(await fieldsOf({ scores: fullScores(50) })).toEqual(['body.comment']);
    expect(await fieldsOf({ scores: fullScores(50), comment: '   ' })).toEqual(['body.comment']);
    const ok = await post({ scores: { foundation: 90, services: 80, results: 70, operation: 61 }, comment: '基础扎实' });
    expect(ok.statusCode, ok.body).toBe(200);
    // 25×0.9 + 25×0.8 + 30×0.7 + 20×0.61 = 75.7
    expect(ok.json()).toMatchObject({ state: 'submitted', total: 75.7, comment: '基础扎实' });
    expect((await post({ scores: fullScores(90) })).statusCode).toBe(409);
  });

  it('shows the panel only after the expert submitted their own scores', async () => {
    const liu = await myAssignment('expert_liu', appId);
    const before = await as.expert_liu!.get(`/api/expert/assignments/${liu.id}/panel`);
    expect(before.statusCode).toBe(403);
    expect(before.json().error.message).toBe('提交本人评分后才能查看其他专家的评分和意见');
    await as.expert_liu!.post(`/api/expert/assignments/${liu.id}/declare`, { confirm: true });
    expect((await as.expert_liu!.post(`/api/expert/assignments/${liu.id}/scores`, { scores: fullScores(55), comment: '孵化成效一般' })).statusCode).toBe(200);
    const panel = (await as.expert_liu!.get(`/api/expert/assignments/${liu.id}/panel`)).json();
    expect(panel.items.map((p: { expert: string; total: number; mine: boolean; comment: string }) => [p.expert, p.total, p.mine, p.comment]).sort()).toEqual([
      ['刘教授（评审专家）', 55, true, '孵化成效一般'],
      ['李研究员（评审专家）', 75.7, false, '基础扎实'],
    ]);
  });

  it('lets an expert decline before scoring, and the admin remove an unscored assignment only', async () => {
    const ma = await myAssignment('expert_ma', appId);
    expect((await as.expert_ma!.post(`/api/expert/assignments/${ma.id}/decline`, {})).statusCode).toBe(400);
    const declined = await as.expert_ma!.post(`/api/expert/assignments/${ma.id}/decline`, { reason: '近期出差无法评审' });
    expect(declined.json().state).toBe('declined');
    expect((await as.expert_ma!.post(`/api/expert/assignments/${ma.id}/declare`, { confirm: true })).statusCode).toBe(409);
    const li = await myAssignment('expert_li', appId);
    expect((await as.ln_admin!.delete(`/api/expert-stage/assignments/${li.id}`)).statusCode).toBe(409);
    expect((await as.ln_admin!.delete(`/api/expert-stage/assignments/${ma.id}`)).statusCode).toBe(204);
    expect(await t.ctx.database.query(`select 1 from expert_assignments where id = $1`, [ma.id])).toEqual([]);
  });

  it('ranks the applications by trimmed mean and exports the results', async () => {
    // A second application with three scores: 60, 90, 95 → mean 81.67, trimmed 90.
    expect((await assign(as.ln_admin!, other, ['expert_li', 'expert_liu', 'expert_ma'])).statusCode).toBe(201);
    for (const [u, v] of [['expert_li', 60], ['expert_liu', 90], ['expert_ma', 95]] as const) {
      const a = await myAssignment(u, other);
      await as[u]!.post(`/api/expert/assignments/${a.id}/declare`, { confirm: true });
      expect((await as[u]!.post(`/api/expert/assignments/${a.id}/scores`, { scores: fullScores(v) })).statusCode).toBe(200);
    }
    const res = await as.ln_reviewer!.get(`/api/expert-stage/results?callId=${callId}&stageKey=province_expert`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    expect(items.map((i: { applicationId: string; rank: number; mean: number; trimmedMean: number }) => [i.applicationId, i.rank, i.mean, i.trimmedMean])).toEqual([
      [other, 1, 81.67, 90],
      [appId, 2, 65.35, 65.35],
    ]);
    expect(items[1].scores.map((s: { expert: { username: string }; total: number; comment: string }) => [s.expert.username, s.total, s.comment]).sort()).toEqual([
      ['expert_li', 75.7, '基础扎实'],
      ['expert_liu', 55, '孵化成效一般'],
    ]);

    const xlsx = await as.ln_admin!.get(`/api/expert-stage/results.xlsx?callId=${callId}&stageKey=province_expert`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ranking = wb.getWorksheet('排名')!;
    expect(ranking.getRow(1).values).toEqual([undefined, '排名', '众创空间', '运营主体', '重点领域', '评分专家数', '平均分', '去掉最高最低分后的平均分']);
    expect((ranking.getRow(2).values as unknown[]).slice(1)).toEqual([1, items[0].spaceName, '沈阳新锐智造众创科技有限公司', '高端装备制造', 3, 81.67, 90]);
    expect((ranking.getRow(3).values as unknown[]).slice(1)).toEqual([2, items[1].spaceName, '沈阳新锐智造众创科技有限公司', '高端装备制造', 2, 65.35, 65.35]);
    const detail = wb.getWorksheet('评分明细')!;
    expect(detail.rowCount).toBe(6);
    expect(detail.getRow(1).getCell(3).value).toBe('建设基础（0–100，权重25%）');
    const texts = detail.getSheetValues().flat().filter((v) => typeof v === 'string');
    expect(texts).toEqual(expect.arrayContaining(['基础扎实', '孵化成效一般', '李研究员（评审专家）']));
    expect(await t.ctx.database.query(`select 1 from audit_log where action = 'expert.results.export' and object_id = $1`, [callId])).toHaveLength(1);
  });

  it('refuses outsiders on every stage and expert endpoint and changes nothing', async () => {
    const li = await myAssignment('expert_li', appId);
    const before = await fingerprint();
    const stageQ = `callId=${callId}&stageKey=province_expert`;
    // Other province: out of scope (404); a city authority, an operator, an expert: no expert stage to work (403).
    for (const [who, status] of [['js_admin', 404], ['sy_admin', 403], ['op_robot_admin', 403], ['expert_gao', 403]] as const) {
      expect((await as[who]!.get(`/api/expert-stage/applications?${stageQ}`)).statusCode, who).toBe(status);
      expect((await as[who]!.get(`/api/expert-stage/results?${stageQ}`)).statusCode, who).toBe(status);
      expect((await as[who]!.get(`/api/expert-stage/results.xlsx?${stageQ}`)).statusCode, who).toBe(status);
      expect((await assign(as[who]!, appId, ['expert_gao'])).statusCode, who).toBe(status);
      expect((await as[who]!.post('/api/expert-stage/auto-assign', { callId, stageKey: 'province_expert' })).statusCode, who).toBe(status);
      expect((await as[who]!.delete(`/api/expert-stage/assignments/${li.id}`)).statusCode, who).toBe(status);
    }
    // The reviewer follows the stage but does not assign.
    expect((await as.ln_reviewer!.get(`/api/expert-stage/applications?${stageQ}`)).statusCode).toBe(200);
    expect((await assign(as.ln_reviewer!, appId, ['expert_gao'])).statusCode).toBe(403);
    expect((await as.ln_reviewer!.post('/api/expert-stage/auto-assign', { callId, stageKey: 'province_expert' })).statusCode).toBe(403);
    expect((await as.ln_reviewer!.delete(`/api/expert-stage/assignments/${li.id}`)).statusCode).toBe(403);
    // Another expert: someone else's assignment does not exist for them; authorities and operators are no experts.
    for (const path of ['declare', 'decline', 'scores']) {
      const body = path === 'declare' ? { confirm: true } : path === 'decline' ? { reason: '测试原因' } : { scores: fullScores(80) };
      expect((await as.expert_gao!.post(`/api/expert/assignments/${li.id}/${path}`, body)).statusCode).toBe(404);
      expect((await as.expert_wang!.post(`/api/expert/assignments/${li.id}/${path}`, body)).statusCode).toBe(404);
      expect((await as.ln_admin!.post(`/api/expert/assignments/${li.id}/${path}`, body)).statusCode).toBe(403);
      expect((await as.op_robot_admin!.post(`/api/expert/assignments/${li.id}/${path}`, body)).statusCode).toBe(403);
    }
    expect((await as.expert_wang!.get(`/api/expert/assignments/${li.id}/panel`)).statusCode).toBe(404);
    expect((await as.ln_admin!.get('/api/expert/assignments')).statusCode).toBe(403);
    expect((await as.expert_wang!.get(`/api/applications/${appId}`)).statusCode).toBe(404);
    expect(await fingerprint()).toEqual(before);
  });
});

describe('auto-assignment', () => {
  it('gives each application N experts of its field first, balanced, never conflicted, and says what fell short', async () => {
    const callId = await buildCall();
    const equip = await buildAtExpertStage(callId, 'advanced_equipment');
    const info = await buildAtExpertStage(callId, 'electronic_information');
    const energy = await buildAtExpertStage(callId, 'new_energy');
    // expert_gao declared a conflict with the operator above; expert_new (new_energy) is active.
    const res = await as.ln_admin!.post('/api/expert-stage/auto-assign', { callId, stageKey: 'province_expert' });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    expect(out.perApplication).toBe(3);
    expect(out.short).toEqual([]);
    const by = Object.fromEntries(out.assigned.map((a: { applicationId: string; experts: { userId: string; outsideField: boolean }[] }) => [a.applicationId, a.experts]));
    const gao = ids.expert_gao!;
    for (const app of [equip, info, energy]) {
      const experts = by[app] as { userId: string; outsideField: boolean }[];
      expect(experts).toHaveLength(3);
      expect(new Set(experts.map((e) => e.userId)).size).toBe(3);
      expect(experts.map((e) => e.userId)).not.toContain(gao);
    }
    // The energy space has one expert in its field (expert_new); the other two come from outside, and the answer says so.
    expect(by[energy].filter((e: { outsideField: boolean }) => !e.outsideField).map((e: { userId: string }) => e.userId)).toEqual([
      (await t.ctx.database.query<{ id: string }>(`select id from users where username = 'expert_new'`))[0]!.id,
    ]);
    expect(out.outsideField.map((o: { applicationId: string }) => o.applicationId)).toContain(energy);
    // Nothing left to do: a second run assigns nothing and changes nothing.
    const before = await fingerprint();
    const again = (await as.ln_admin!.post('/api/expert-stage/auto-assign', { callId, stageKey: 'province_expert' })).json();
    expect(again.assigned).toEqual([]);
    expect(again.short).toEqual([]);
    const after = await fingerprint();
    expect({ ...after, audit_rows: before!.audit_rows }).toEqual(before);
  });

  it('reports applications that cannot get N experts, and refuses applications not at the stage', async () => {
    const callId = await buildCall();
    await as.ln_admin!.put(`/api/calls/${callId}/score-sheet`, {
      revision: 0,
      criteria: [{ key: 'overall', name: '综合评价', weight: 100, min: 0, max: 100 }],
      commentBelow: 60,
      expertsPerApplication: 9,
      sameCityConflict: true,
    });
    const app = await buildAtExpertStage(callId, 'advanced_equipment');
    const res = (await as.ln_admin!.post('/api/expert-stage/auto-assign', { callId, stageKey: 'province_expert', applicationIds: [app] })).json();
    // Pool of 5: expert_gao (declared conflict) and expert_li, expert_gao (沈阳, same city as 浑南区) and expert_new (浑南区) are out.
    const assigned = res.assigned[0].experts.map((e: { userId: string }) => e.userId).sort();
    expect(assigned).toEqual([ids.expert_liu, ids.expert_ma].sort());
    expect(res.short).toEqual([{ applicationId: app, spaceName: expect.any(String), missing: 7 }]);
    const stray = await as.ln_admin!.post('/api/expert-stage/auto-assign', { callId, stageKey: 'province_expert', applicationIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(stray.statusCode).toBe(400);
    expect(stray.json().error.fields[0].field).toBe('body.applicationIds.0');
  });
});
