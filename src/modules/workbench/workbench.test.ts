import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { multipart } from '../../../test/helpers/multipart.ts';
import { applicationAtStage, type Submitted } from '../../../test/helpers/journey.ts';
import { statementProbe } from '../../db/client.ts';
import { stageOf } from '../../shared/chains.ts';
import { SYSTEM_CONTEXT } from '../audit/service.ts';
import { expertAssignments } from '../experts/schema.ts';
import { users } from '../identity/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { createSpaceInTx, findSpaceById } from '../spaces/service.ts';
import { applications } from '../workflow/schema.ts';

const DAY = 24 * 3600_000;
const USERS = ['op_robot_admin', 'sy_reviewer', 'sy_admin', 'dl_reviewer', 'ln_admin', 'ln_reviewer', 'js_admin', 'nj_reviewer', 'expert_li', 'szgx_admin', 'sysadmin', 'maker_chen'] as const;
type User = (typeof USERS)[number];

let t: TestApp;
const as = {} as Record<User, Agent>;

interface Item {
  id: string;
  title: string;
  detail: string | null;
  dueAt: string | null;
  overdue: boolean;
  link: string;
}
interface Todo {
  kind: string;
  count: number;
  overdue: number;
  dueAt: string | null;
  call: { id: string; title: string } | null;
  stage: { key: string; kind: string } | null;
  link: string;
  items: Item[];
}
interface Workbench {
  todos: Todo[];
  notifications: { items: { title: string; read: boolean }[]; unread: number };
  figures: null | {
    year: number;
    regionName: string;
    spaces: { registered: number; byLevel: { level: string; count: number }[] };
    applications: { total: number; byStatus: { status: string; count: number }[] };
  };
}

async function workbench(user: User): Promise<Workbench> {
  const res = await as[user].get('/api/workbench');
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const ids = (todo: Todo | undefined) => todo?.items.map((i) => i.id) ?? [];
const stageTodo = (w: Workbench, key: string) => w.todos.find((x) => x.kind === 'stage' && x.stage?.key === key);
const allIds = (w: Workbench) => w.todos.flatMap((x) => x.items.map((i) => i.id));

/** A draft of a new copy of the Shenyang demo space (a space applies once per call) in `callId`. */
async function draftApplication(name: string, callId: string, like: Submitted): Promise<string> {
  const demo = (await findSpaceById(t.ctx.db, like.spaceId))!;
  const space = await t.ctx.db.transaction((tx) =>
    createSpaceInTx(tx, SYSTEM_CONTEXT, demo.operator, { name, category: demo.category, regularType: demo.regularType, industry: demo.industry, regionCode: demo.regionCode, hostIds: demo.hosts.map((h) => h.id), managementSystems: demo.managementSystems }),
  );
  const draft = await as.op_robot_admin.post('/api/applications', { callId, spaceId: space.id });
  expect(draft.statusCode, draft.body).toBe(201);
  return draft.json().id;
}

/** Moves an application's stage due date (what an overdue stage looks like without waiting for it). */
const dueIn = (id: string, ms: number) => t.ctx.db.update(applications).set({ stageDueAt: new Date(Date.now() + ms) }).where(eq(applications.id, id));

let overdue: Submitted;
let onTime: Submitted;
let jiangsu: Submitted;
let returned: Submitted;
let draftId: string;
let atDecision: Submitted;
let atExpert: Submitted;
let noticeId: string;
let zone: Submitted;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  for (const u of USERS) as[u] = await signIn(t.app, u);

  // Shenyang's city review: one overdue, one due in ten days; one returned to the applicant.
  overdue = await applicationAtStage(t, 'liaoning_province', 'city_authenticity');
  onTime = await applicationAtStage(t, 'liaoning_province', 'city_authenticity');
  await dueIn(overdue.id, -2 * DAY);
  await dueIn(onTime.id, 10 * DAY);
  returned = await applicationAtStage(t, 'liaoning_province', 'city_authenticity');
  const back = await as.sy_reviewer.post(`/api/review/applications/${returned.id}/return`, {
    stageKey: 'city_authenticity',
    note: '团队人数与证明材料不符',
    itemComments: [{ field: 'basicInfo.teamTotal', comment: '请按劳动合同核实团队人数' }],
    resubmitDueAt: new Date(Date.now() + 10 * DAY).toISOString(),
  });
  expect(back.statusCode, back.body).toBe(200);

  // A draft the operator has not submitted yet.
  draftId = await draftApplication('新锐工作台测试专业化众创空间', overdue.callId, overdue);

  // Jiangsu: Nanjing's recommendation stage.
  jiangsu = await applicationAtStage(t, 'jiangsu_national', 'city_recommend');

  // The province: a recorded decision to release, an application at the expert stage with an expert assigned.
  atDecision = await applicationAtStage(t, 'liaoning_province', 'province_decision');
  const decided = await as.ln_admin.post('/api/decisions', {
    applicationId: atDecision.id,
    stageKey: 'province_decision',
    outcome: 'approve',
    reason: '符合备案条件',
    checklist: stageOf('liaoning_province', 'province_decision')!.checklist.map((c) => ({ key: c.key, verdict: 'ok', note: '经审核材料真实、条件符合' })),
  });
  expect(decided.statusCode, decided.body).toBe(201);
  atExpert = await applicationAtStage(t, 'liaoning_province', 'province_expert');
  const [li] = await t.ctx.db.select({ id: users.id }).from(users).where(eq(users.username, 'expert_li'));
  await t.ctx.db.insert(expertAssignments).values({ applicationId: atExpert.id, stageKey: 'province_expert', expertUserId: li!.id });

  // Shenyang's public notice, with one objection from the public.
  const onNotice = await applicationAtStage(t, 'liaoning_province', 'city_notice');
  const notice = await as.sy_admin.post('/api/notices', {
    callId: onNotice.callId,
    stageKey: 'city_notice',
    applicationIds: [onNotice.id],
    title: '沈阳市众创空间备案真实性审查结果公示（工作台）',
    body: '经审查，以下众创空间申报材料真实。公示期内如有异议，请实名提出。联系电话：024-12345678。',
    startsAt: new Date(Date.now() - 60_000).toISOString(),
    endsAt: new Date(Date.now() + 5 * DAY).toISOString(),
  });
  expect(notice.statusCode, notice.body).toBe(201);
  noticeId = notice.json().id;
  const citizen = new Agent(t.app, '10.9.9.9');
  await citizen.get('/api/auth/csrf');
  const { payload, headers } = multipart([
    { name: 'entryId', data: notice.json().entries[0].id },
    { name: 'name', data: '陈公民' },
    { name: 'contact', data: '13912345678' },
    { name: 'grounds', data: '该空间实际场地面积与申报材料不符，现场仅有一层办公区。' },
  ]);
  expect((await citizen.request('POST', `/api/public/notices/${noticeId}/objections`, payload, { headers })).statusCode).toBe(201);

  // The Suzhou high-tech zone: an application of a space in the zone, put in a draft batch.
  zone = await applicationAtStage(t, 'jiangsu_national', 'city_recommend');
  await t.ctx.db.update(spaces).set({ regionCode: '320505' }).where(eq(spaces.id, zone.spaceId));
  const recommend = stageOf('jiangsu_national', 'city_recommend')!;
  const batch = await as.szgx_admin.post('/api/recommendations', {
    callId: zone.callId,
    stageKey: 'city_recommend',
    items: [{ applicationId: zone.id, checklist: recommend.checklist.map((c) => ({ key: c.key, verdict: 'ok', note: `${c.label}：已核实` })) }],
  });
  expect(batch.statusCode, batch.body).toBe(201);
}, 240_000);
afterAll(() => t.close());

describe('GET /api/workbench per role', () => {
  it('operator: returned applications to fix, drafts, open calls, the notice of the return; no figures', async () => {
    const w = await workbench('op_robot_admin');
    const back = w.todos.find((x) => x.kind === 'returned')!;
    expect(ids(back)).toEqual([returned.id]);
    expect(back.items[0]).toMatchObject({ link: `/app/applications/${returned.id}`, overdue: false });
    expect(back.dueAt).not.toBeNull();
    const drafts = w.todos.find((x) => x.kind === 'drafts')!;
    expect(ids(drafts)).toEqual([draftId]);
    expect(drafts.dueAt).not.toBeNull();
    // The demo space has not applied to the demo call yet (only its copies did).
    const calls = w.todos.find((x) => x.kind === 'open_calls')!;
    expect(calls).toMatchObject({ link: '/app/calls' });
    expect(calls.items[0]!.detail).toContain('沈阳智能机器人专业化众创空间');
    expect(w.notifications.unread).toBeGreaterThan(0);
    expect(w.notifications.items.some((n) => n.title.includes('退回'))).toBe(true);
    expect(w.figures).toBeNull();
    expect(w.todos.some((x) => x.kind === 'stage')).toBe(false);
  });

  it('city reviewer: the stage queue per call, overdue first, linked to the stage work; no admin work', async () => {
    const w = await workbench('sy_reviewer');
    const review = stageTodo(w, 'city_authenticity')!;
    expect(review).toMatchObject({ count: 2, overdue: 1, link: `/app/review?callId=${overdue.callId}&stageKey=city_authenticity`, stage: { kind: 'review' }, call: { id: overdue.callId } });
    expect(ids(review)).toEqual([overdue.id, onTime.id]);
    expect(review.items[0]).toMatchObject({ overdue: true, link: `/app/review/${overdue.id}` });
    expect(new Date(review.dueAt!).getTime()).toBeLessThan(Date.now());
    // Overdue work leads the whole list.
    expect(w.todos[0]).toBe(w.todos.find((x) => x.overdue > 0));
    // The returned application waits for the applicant, not for the reviewer.
    expect(allIds(w)).not.toContain(returned.id);
    // Running notices are read by the organisation's staff; objections are its admin's.
    expect(ids(w.todos.find((x) => x.kind === 'notices_running'))).toEqual([noticeId]);
    expect(w.todos.some((x) => x.kind === 'objections' || x.kind === 'decisions_release')).toBe(false);
    expect(w.figures?.regionName).toBe('沈阳市');
  });

  it('city admin: objections to handle on its notice, linked to the notice', async () => {
    const w = await workbench('sy_admin');
    const objections = w.todos.find((x) => x.kind === 'objections')!;
    expect(objections).toMatchObject({ count: 1, link: '/app/notices' });
    expect(objections.items[0]).toMatchObject({ id: noticeId, link: `/app/notices/${noticeId}`, detail: '1' });
    const running = w.todos.find((x) => x.kind === 'notices_running')!;
    expect(new Date(running.dueAt!).getTime()).toBeGreaterThan(Date.now());
  });

  it('province admin: decisions to release and the expert stage; its reviewer records but does not release', async () => {
    const w = await workbench('ln_admin');
    expect(w.todos.find((x) => x.kind === 'decisions_release')).toMatchObject({ count: 1, link: `/app/decisions?callId=${atDecision.callId}&stageKey=province_decision`, stage: { key: 'province_decision' }, call: { id: atDecision.callId } });
    expect(ids(stageTodo(w, 'province_decision'))).toContain(atDecision.id);
    expect(stageTodo(w, 'province_expert')).toMatchObject({ link: expect.stringMatching(/^\/app\/expert-review\?callId=[0-9a-f-]{36}&stageKey=province_expert$/), stage: { kind: 'expert' } });
    expect(ids(stageTodo(w, 'province_expert'))).toContain(atExpert.id);
    // The city's stages are the city's.
    expect(stageTodo(w, 'city_authenticity')).toBeUndefined();
    expect(w.figures).toMatchObject({ regionName: '辽宁省', year: new Date().getFullYear() });
    const reviewer = await workbench('ln_reviewer');
    expect(reviewer.todos.some((x) => x.kind === 'decisions_release')).toBe(false);
    expect(ids(stageTodo(reviewer, 'province_decision'))).toContain(atDecision.id);
  });

  it('expert: the score sheets to fill, with the stage due date', async () => {
    await dueIn(atExpert.id, 3 * DAY);
    const w = await workbench('expert_li');
    const sheets = w.todos.find((x) => x.kind === 'score_sheets')!;
    expect(sheets).toMatchObject({ count: 1, overdue: 0, link: '/app/my-reviews' });
    expect(sheets.items[0]).toMatchObject({ title: atExpert.spaceName, link: '/app/my-reviews' });
    expect(new Date(sheets.dueAt!).getTime()).toBeGreaterThan(Date.now());
    expect(w.figures).toBeNull();
    expect(w.todos.map((x) => x.kind)).toEqual(['score_sheets']);
  });

  it('recommending unit: its stage and its unsent batch; no figures (not an authority)', async () => {
    const w = await workbench('szgx_admin');
    expect(ids(stageTodo(w, 'city_recommend'))).toEqual([zone.id]);
    expect(stageTodo(w, 'city_recommend')!.link).toBe(`/app/recommendations?callId=${zone.callId}&stageKey=city_recommend`);
    expect(w.todos.find((x) => x.kind === 'recommendation_drafts')).toMatchObject({ count: 1, link: '/app/recommendations', items: [{ detail: '1' }] });
    expect(allIds(w)).not.toContain(jiangsu.id);
    expect(w.figures).toBeNull();
  });

  it('system admin and maker: nothing to do, nothing of anyone else', async () => {
    for (const u of ['sysadmin', 'maker_chen'] as const) {
      const w = await workbench(u);
      expect(w.todos, u).toEqual([]);
      expect(w.figures, u).toBeNull();
    }
  });
});

describe('jurisdiction', () => {
  it('Shenyang sees none of Jiangsu’s or Dalian’s work, Nanjing none of Shenyang’s', async () => {
    const sy = await workbench('sy_reviewer');
    expect(allIds(sy)).not.toContain(jiangsu.id);
    expect(allIds(sy)).not.toContain(zone.id);
    const dl = await workbench('dl_reviewer');
    expect(allIds(dl)).not.toContain(overdue.id);
    expect(dl.todos.filter((x) => x.kind === 'stage')).toEqual([]);
    const nj = await workbench('nj_reviewer');
    expect(ids(stageTodo(nj, 'city_recommend'))).toEqual([jiangsu.id]);
    expect(allIds(nj)).not.toContain(overdue.id);
  });

  it('figures count the region subtree only', async () => {
    const year = new Date().getFullYear();
    const count = async (rootCode: string) => {
      const [row] = await t.ctx.database.query<{ n: number }>(
        `select count(*)::int as n from applications a join calls c on c.id = a.call_id join spaces s on s.id = a.space_id join regions r on r.code = s.region_code
          where c.year = $1 and (r.path = (select path from regions where code = $2) or r.path like (select path from regions where code = $2) || '/%')`,
        [year, rootCode],
      );
      return Number(row!.n);
    };
    const sy = (await workbench('sy_admin')).figures!;
    const js = (await workbench('js_admin')).figures!;
    expect(sy.applications.total).toBe(await count('210100'));
    expect(js.applications.total).toBe(await count('320000'));
    expect(sy.applications.total).toBeGreaterThan(0);
    expect(js.applications.total).toBeGreaterThan(0);
    expect(sy.applications.byStatus.find((s) => s.status === 'in_review')!.count).toBeGreaterThan(0);
    expect(sy.spaces.byLevel.map((l) => l.level)).toEqual(['city', 'province', 'national']);
    expect(sy.spaces.registered).toBeGreaterThan(0);
    const [spacesInJiangsu] = await t.ctx.database.query<{ n: number }>(`select count(*)::int as n from spaces s join regions r on r.code = s.region_code where s.status = 'active' and r.path like '000000/320000/%'`);
    expect(js.spaces.registered).toBe(Number(spacesInJiangsu!.n));
  });
});

describe('outsiders', () => {
  it('not signed in: 401 and nothing changed', async () => {
    const fingerprint = () =>
      t.ctx.database.query(
        `select (select count(*)::int from audit_log where action <> 'access.denied') as audit, (select count(*)::int from notifications where read_at is null) as unread,
                (select md5(coalesce(string_agg(a::text, ',' order by a.id), '')) from applications a) as apps`,
      );
    const before = await fingerprint();
    const res = await new Agent(t.app).get('/api/workbench');
    expect(res.statusCode).toBe(401);
    expect(res.body).not.toContain('todos');
    expect(await fingerprint()).toEqual(before);
  });

  it('reading the workbench marks no notification read', async () => {
    const before = (await workbench('op_robot_admin')).notifications.unread;
    expect((await workbench('op_robot_admin')).notifications.unread).toBe(before);
  });
});

describe('statements per workbench, whatever the work waiting', () => {
  /** The statements of one read (the second: the first may refresh the session). */
  async function statements(user: User) {
    await as[user].get('/api/workbench');
    const { result, statements: n } = await statementProbe.count(() => as[user].get('/api/workbench'));
    expect(result.statusCode, result.body).toBe(200);
    return { n, body: result.json() as Workbench };
  }

  it('the same count with more applications at every stage, more decisions and more drafts', async () => {
    const readers = ['sy_reviewer', 'sy_admin', 'ln_admin', 'op_robot_admin', 'expert_li', 'szgx_admin'] as const;
    const small: Partial<Record<User, { n: number; body: Workbench }>> = {};
    for (const u of readers) small[u] = await statements(u);
    const [li] = await t.ctx.db.select({ id: users.id }).from(users).where(eq(users.username, 'expert_li'));
    for (let i = 0; i < 3; i += 1) {
      const review = await applicationAtStage(t, 'liaoning_province', 'city_authenticity');
      await dueIn(review.id, (i % 2 ? 1 : -1) * DAY);
      const expert = await applicationAtStage(t, 'liaoning_province', 'province_expert');
      await t.ctx.db.insert(expertAssignments).values({ applicationId: expert.id, stageKey: 'province_expert', expertUserId: li!.id });
      const decision = await applicationAtStage(t, 'liaoning_province', 'province_decision');
      const recorded = await as.ln_admin.post('/api/decisions', {
        applicationId: decision.id,
        stageKey: 'province_decision',
        outcome: 'approve',
        reason: '符合备案条件',
        checklist: stageOf('liaoning_province', 'province_decision')!.checklist.map((c) => ({ key: c.key, verdict: 'ok', note: '经审核材料真实、条件符合' })),
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
      await draftApplication(`新锐工作台计数${i}号专业化众创空间`, review.callId, review);
    }
    for (const u of readers) {
      const large = await statements(u);
      expect(large.n, u).toBe(small[u]!.n);
    }
    const reviewer = (await statements('sy_reviewer')).body;
    expect(stageTodo(reviewer, 'city_authenticity')!.count).toBeGreaterThan(stageTodo(small.sy_reviewer!.body, 'city_authenticity')!.count);
    // The card names the first few; the count covers them all.
    expect(stageTodo(reviewer, 'city_authenticity')!.items.length).toBeLessThanOrEqual(5);
    const province = (await statements('ln_admin')).body;
    expect(province.todos.find((x) => x.kind === 'decisions_release')!.count).toBe(4);
  }, 180_000);
});
