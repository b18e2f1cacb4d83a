import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { fileUpload, SAMPLE } from '../../../test/helpers/multipart.ts';
import { SYSTEM_CONTEXT } from '../audit/service.ts';
import { auditLog } from '../audit/schema.ts';
import { createAccount } from '../identity/accounts.ts';
import { notifications } from '../notify/index.ts';
import { users } from '../identity/schema.ts';
import { createOrganisation } from '../orgs/service.ts';
import { spaces } from '../spaces/schema.ts';
import { pitchApplications, pitchCalls, pitchPanel, pitchScores } from './schema.ts';

let t: TestApp;
let operator: Agent;
let staff: Agent;
let otherOperator: Agent;
let maker: Agent;
let maker2: Agent;
let maker3: Agent;
let expert: Agent;
let otherExpert: Agent;
let city: Agent;
let anonymous: Agent;
let robot: string;
let roadshow: string;
let training: string;
let panel: string[];

const day = 86_400_000;
const iso = (ms: number) => new Date(Date.now() + ms).toISOString();
const body = (over: Record<string, unknown> = {}) => ({
  eventId: roadshow,
  title: '智能机器人创新项目路演征集',
  field: 'advanced_equipment',
  eligibility: '在孵或拟入孵的机器人、智能装备方向创客团队，项目未获得 A 轮融资。',
  opensAt: iso(-day),
  closesAt: iso(10 * day),
  criteria: [
    { name: '技术创新', weight: 40 },
    { name: '市场前景', weight: 35 },
    { name: '团队能力', weight: 25 },
  ],
  awardCount: 2,
  panelUserIds: panel,
  ...over,
});
const application = (over: Record<string, unknown> = {}) => ({
  projectName: '协作机器人视觉抓取模组',
  summary: '基于深度相机的无序抓取模组，识别准确率 99%，已在两家工厂试用。',
  stage: 'prototype',
  team: '陈晨（负责人，算法）、王磊（结构）、赵敏（市场）',
  fileIds: [] as string[],
  ...over,
});

async function snapshot() {
  const db = t.ctx.db;
  return {
    calls: await db.select().from(pitchCalls).orderBy(pitchCalls.id),
    panel: (await db.select().from(pitchPanel)).length,
    applications: await db.select().from(pitchApplications).orderBy(pitchApplications.id),
    scores: await db.select().from(pitchScores).orderBy(pitchScores.applicationId, pitchScores.reviewerId),
  };
}

/** The notifications a user got with this title prefix. */
const toldOf = async (username: string, prefix: string) => {
  const [u] = await t.ctx.db.select().from(users).where(eq(users.username, username));
  return (await t.ctx.db.select().from(notifications).where(eq(notifications.userId, u!.id))).filter((n) => n.title.startsWith(prefix));
};

const fieldsOf = (res: { json: () => { error?: { fields?: { field: string }[] } } }) => (res.json().error?.fields ?? []).map((f) => f.field);
const upload = async (a: Agent, name: string) => {
  const u = fileUpload(name, SAMPLE.pdf);
  return (await a.post('/api/files', u.payload, { headers: u.headers })).json().id as string;
};
/** Moves a call's window into the past, as the clock would. */
const closeWindow = (id: string) => t.ctx.db.update(pitchCalls).set({ opensAt: sql`now() - interval '3 days'`, closesAt: sql`now() - interval '1 minute'` }).where(eq(pitchCalls.id, id));

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  robot = (await t.ctx.db.select().from(spaces).where(eq(spaces.name, '沈阳智能机器人专业化众创空间')))[0]!.id;
  for (const [name, username] of [
    ['许昌智慧农机创客团队', 'maker_sun'],
    ['铁西工业互联网创客团队', 'maker_gao'],
  ] as const) {
    const org = await createOrganisation(t.ctx.db, SYSTEM_CONTEXT, { name, kind: 'maker_team', regionCode: '411082' });
    await createAccount(t.ctx.db, t.config, SYSTEM_CONTEXT, { username, displayName: `${username}（创客）`, password: 'Xuchang#Maker2026', orgId: org.id, roles: ['maker'], mustChangePassword: false });
  }
  [operator, staff, otherOperator, maker, expert, otherExpert, city] = (await Promise.all(
    ['op_robot_admin', 'op_robot_staff', 'op_univ_admin', 'maker_chen', 'expert_li', 'expert_liu', 'sy_admin'].map((u) => signIn(t.app, u)),
  )) as Agent[] as [Agent, Agent, Agent, Agent, Agent, Agent, Agent];
  const event = (kind: string, title: string) =>
    operator.post(`/api/events/spaces/${robot}`, {
      title,
      kind,
      role: 'host',
      partners: [],
      description: '面向在孵团队的活动。',
      place: '沈阳市和平区创新路 1 号',
      startsAt: iso(20 * day),
      endsAt: iso(20 * day + 3 * 3600_000),
      capacity: 80,
      signupOpensAt: iso(-day),
      signupClosesAt: iso(19 * day),
      needsApproval: false,
    });
  roadshow = (await event('roadshow', '智能机器人项目路演日')).json().id;
  training = (await event('training', '机器人安全培训')).json().id;
  maker2 = await signIn(t.app, 'maker_sun', 'Xuchang#Maker2026');
  maker3 = await signIn(t.app, 'maker_gao', 'Xuchang#Maker2026');
  anonymous = new Agent(t.app, '10.0.9.9');
  await anonymous.get('/api/auth/csrf');
  const ids = await t.ctx.db.select({ id: users.id, username: users.username }).from(users);
  panel = ['expert_li', 'op_robot_staff'].map((u) => ids.find((x) => x.username === u)!.id);
});
afterAll(() => t.close());

describe('a roadshow call from draft to published results', () => {
  let call: { id: string; revision: number };
  let app1: { id: string; revision: number };
  let app2: string;
  let app3: string;
  let file: string;

  it('refuses bad input naming each field: weights not adding up to 100, a wrong event, a bad window or panel', async () => {
    const before = (await t.ctx.db.select().from(pitchCalls)).length;
    const bad = await operator.post(`/api/pitch-calls/spaces/${robot}`, body({ title: '', awardCount: 0, closesAt: 'soon', panelUserIds: [], criteria: [] }));
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['body.title', 'body.awardCount', 'body.closesAt', 'body.panelUserIds', 'body.criteria']));
    const weights = await operator.post(`/api/pitch-calls/spaces/${robot}`, body({ criteria: [{ name: '技术创新', weight: 50 }, { name: '市场前景', weight: 40 }] }));
    expect(weights.statusCode).toBe(400);
    expect(fieldsOf(weights)).toEqual(['body.criteria']);
    expect(weights.json().error.message).toContain('100');
    const dup = await operator.post(`/api/pitch-calls/spaces/${robot}`, body({ criteria: [{ name: '技术创新', weight: 50 }, { name: '技术创新', weight: 50 }] }));
    expect(fieldsOf(dup)).toEqual(['body.criteria.1.name']);
    expect(fieldsOf(await operator.post(`/api/pitch-calls/spaces/${robot}`, body({ eventId: training })))).toEqual(['body.eventId']);
    expect(fieldsOf(await operator.post(`/api/pitch-calls/spaces/${robot}`, body({ closesAt: iso(-2 * day) })))).toEqual(['body.closesAt']);
    const makerId = (await t.ctx.db.select().from(users).where(eq(users.username, 'maker_chen')))[0]!.id;
    expect(fieldsOf(await operator.post(`/api/pitch-calls/spaces/${robot}`, body({ panelUserIds: [makerId] })))).toEqual(['body.panelUserIds']);
    expect((await t.ctx.db.select().from(pitchCalls)).length).toBe(before);
  });

  it('is drafted and opened by the space, audited; a draft is the organiser’s and the panel’s alone', async () => {
    const created = await operator.post(`/api/pitch-calls/spaces/${robot}`, body());
    expect(created.statusCode, created.body).toBe(201);
    call = created.json();
    expect(created.json()).toMatchObject({ state: 'draft', eventKind: 'roadshow', actions: ['open', 'cancel'], canEdit: true, criteria: [{ key: 'c1', name: '技术创新', weight: 40 }, { key: 'c2' }, { key: 'c3' }] });
    expect(created.json().panel).toHaveLength(2);
    // The reviewers are told: the expert finds it in the review queue, the space's own member on the desk.
    expect((await toldOf('expert_li', '您被指定为评审')).map((n) => n.link)).toEqual([`/app/pitch-reviews/${call.id}`]);
    expect((await toldOf('op_robot_staff', '您被指定为评审')).map((n) => n.link)).toEqual([`/app/pitch-calls/${call.id}`]);
    // An edit tells only the reviewers it adds.
    const liu = (await t.ctx.db.select().from(users).where(eq(users.username, 'expert_liu')))[0]!.id;
    call = (await operator.put(`/api/pitch-calls/${call.id}`, { ...body({ panelUserIds: [...panel, liu] }), revision: call.revision })).json();
    expect(await toldOf('expert_liu', '您被指定为评审')).toHaveLength(1);
    expect(await toldOf('expert_li', '您被指定为评审')).toHaveLength(1);
    call = (await operator.put(`/api/pitch-calls/${call.id}`, { ...body(), revision: call.revision })).json();
    expect((await maker.get(`/api/pitch-calls/${call.id}`)).statusCode).toBe(404);
    expect((await expert.get(`/api/pitch-calls/${call.id}`)).json().onPanel).toBe(true);
    expect((await anonymous.get(`/api/portal/pitches?state=open`)).json().items.map((c: { id: string }) => c.id)).not.toContain(call.id);
    const opened = await staff.post(`/api/pitch-calls/${call.id}/open`, { revision: call.revision });
    expect(opened.statusCode, opened.body).toBe(200);
    call = opened.json();
    expect(call).toMatchObject({ state: 'open', actions: ['cancel'] });
    const pub = (await anonymous.get(`/api/portal/pitches?state=open`)).json();
    expect(pub.items.map((c: { id: string }) => c.id)).toContain(call.id);
    expect(pub.items.find((c: { id: string }) => c.id === call.id).panel).toBeUndefined();
    const audits = await t.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, call.id));
    expect(audits.map((a) => a.action).sort()).toEqual(['pitch.call.create', 'pitch.call.edit', 'pitch.call.edit', 'pitch.call.open']);
  });

  it('takes one application per team within the window, editable and withdrawable', async () => {
    const open = (await maker.get('/api/pitches/open')).json();
    expect(open.items.find((c: { id: string }) => c.id === call.id)).toMatchObject({ canApply: true, myApplicationId: null });
    file = await upload(maker, '商业计划书.pdf');
    const otherFile = await upload(maker2, '别家计划书.pdf');
    expect(fieldsOf(await maker.post(`/api/pitch-calls/${call.id}/applications`, application({ fileIds: [otherFile] })))).toEqual(['body.fileIds']);
    expect(fieldsOf(await maker.post(`/api/pitch-calls/${call.id}/applications`, application({ projectName: '', stage: 'famous' }))).sort()).toEqual(['body.projectName', 'body.stage']);
    const sub = await maker.post(`/api/pitch-calls/${call.id}/applications`, application({ fileIds: [file] }));
    expect(sub.statusCode, sub.body).toBe(201);
    app1 = sub.json();
    expect(sub.json()).toMatchObject({ teamName: '陈晨智能硬件创客团队', fileCount: 1, canChange: true, mean: null });
    const twice = await maker.post(`/api/pitch-calls/${call.id}/applications`, application({ projectName: '第二个项目' }));
    expect(twice.statusCode).toBe(409);
    const edited = await maker.put(`/api/pitch-applications/${app1.id}`, { ...application({ fileIds: [file], stage: 'early_revenue' }), revision: app1.revision });
    expect(edited.statusCode, edited.body).toBe(200);
    app1 = edited.json();
    expect(app1).toMatchObject({ stage: 'early_revenue' });
    expect((await maker.put(`/api/pitch-applications/${app1.id}`, { ...application(), revision: 1 })).statusCode).toBe(409);

    // Withdrawn, the team may apply again.
    const w = (await maker2.post(`/api/pitch-calls/${call.id}/applications`, application({ projectName: '智慧农机无人驾驶套件', team: '孙悦（负责人）' }))).json();
    expect((await maker2.post(`/api/pitch-applications/${w.id}/withdraw`, { revision: w.revision })).json()).toMatchObject({ state: 'withdrawn', canChange: false });
    app2 = (await maker2.post(`/api/pitch-calls/${call.id}/applications`, application({ projectName: '智慧农机无人驾驶套件', team: '孙悦（负责人）' }))).json().id;
    app3 = (await maker3.post(`/api/pitch-calls/${call.id}/applications`, application({ projectName: '工业设备预测性维护平台', team: '高峰（负责人）' }))).json().id;
    expect((await t.ctx.db.select().from(pitchApplications).where(and(eq(pitchApplications.callId, call.id), eq(pitchApplications.state, 'submitted')))).length).toBe(3);

    // Private: the team, the panel and the organiser; nobody else learns it exists.
    for (const a of [expert, staff, operator]) expect((await a.get(`/api/pitch-applications/${app1.id}`)).statusCode).toBe(200);
    for (const a of [maker2, otherExpert, otherOperator, city]) {
      expect((await a.get(`/api/pitch-applications/${app1.id}`)).statusCode).toBe(404);
      expect((await a.get(`/api/pitch-applications/${app1.id}/files/${file}/download`)).statusCode).toBe(404);
    }
    expect((await expert.get(`/api/pitch-applications/${app1.id}/files/${file}/download`)).statusCode).toBe(200);
    expect((await maker.get('/api/pitches/mine')).json().items.map((a: { id: string }) => a.id)).toContain(app1.id);
  });

  it('is scored only after the window by assigned reviewers, with a conflict declaration; scores stay private', async () => {
    const sheet = { conflict: false, scores: { c1: 90, c2: 80, c3: 70 } };
    expect((await expert.post(`/api/pitch-applications/${app1.id}/score`, sheet)).statusCode).toBe(409);
    expect((await operator.post(`/api/pitch-calls/${call.id}/review`, { revision: call.revision })).statusCode).toBe(409);
    await closeWindow(call.id);
    // The window closed: no more applications, edits or withdrawals.
    expect((await otherMakerApply()).statusCode).toBe(409);
    expect((await maker.post(`/api/pitch-applications/${app1.id}/withdraw`, { revision: app1.revision })).statusCode).toBe(409);
    call = (await operator.get(`/api/pitch-calls/${call.id}`)).json();
    expect(call).toMatchObject({ actions: ['review', 'cancel'] });
    call = (await operator.post(`/api/pitch-calls/${call.id}/review`, { revision: call.revision })).json();
    expect(call).toMatchObject({ state: 'reviewing' });
    expect((await expert.get('/api/pitch-reviews?pending=true')).json().items.map((r: { applicationId: string }) => r.applicationId).sort()).toEqual([app1.id, app2, app3].sort());

    const missing = await expert.post(`/api/pitch-applications/${app1.id}/score`, { conflict: false, scores: { c1: 90, c2: 101 } });
    expect(fieldsOf(missing).sort()).toEqual(['body.scores.c2', 'body.scores.c3']);
    expect(fieldsOf(await expert.post(`/api/pitch-applications/${app1.id}/score`, { conflict: true, scores: { c1: 1 } }))).toEqual(['body.scores']);
    expect(fieldsOf(await expert.post(`/api/pitch-applications/${app1.id}/score`, { conflict: true }))).toEqual(['body.conflictNote']);
    const scored = await expert.post(`/api/pitch-applications/${app1.id}/score`, sheet);
    expect(scored.statusCode, scored.body).toBe(200);
    // 90×0.40 + 80×0.35 + 70×0.25 = 81.5
    expect(scored.json()).toMatchObject({ myScore: { total: 81.5, conflict: false }, mean: 81.5, canScore: true });
    await staff.post(`/api/pitch-applications/${app1.id}/score`, { conflict: false, scores: { c1: 80, c2: 80, c3: 80 } });
    await expert.post(`/api/pitch-applications/${app2}/score`, { conflict: false, scores: { c1: 95, c2: 90, c3: 90 } });
    // The reviewer knows the team: declared, recused, not counted.
    await staff.post(`/api/pitch-applications/${app2}/score`, { conflict: true, conflictNote: '该团队负责人为本人亲属' });
    await expert.post(`/api/pitch-applications/${app3}/score`, { conflict: false, scores: { c1: 60, c2: 70, c3: 65 } });
    await staff.post(`/api/pitch-applications/${app3}/score`, { conflict: false, scores: { c1: 70, c2: 70, c3: 75 } });

    for (const a of [maker, maker2]) {
      const own = (await a.get(`/api/pitch-applications/${a === maker ? app1.id : app2}`)).json();
      expect(own).toMatchObject({ mean: null, scores: [], rank: null, award: null });
    }
    expect((await maker.get(`/api/pitch-calls/${call.id}/applications`)).statusCode).toBe(404);
    expect((await anonymous.get(`/api/portal/pitches?state=published`)).json().items.map((c: { id: string }) => c.id)).not.toContain(call.id);
  });

  it('ranks by the mean of the weighted totals, decides awards and publishes results without personal data', async () => {
    const ranked = (await operator.get(`/api/pitch-calls/${call.id}/applications`)).json();
    // app2: 92 (one reviewer, the other recused); app1: (81.5 + 80) / 2 = 80.75; app3: (64.75 + 71.25) / 2 = 68
    expect(ranked.items.map((a: { id: string; rank: number; mean: number }) => [a.id, a.rank, a.mean])).toEqual([
      [app2, 1, 92],
      [app1.id, 2, 80.75],
      [app3, 3, 68],
    ]);
    expect(ranked.items[0]).toMatchObject({ scored: 1, recused: 1 });
    const byName = (await expert.get(`/api/pitch-calls/${call.id}/applications?sort=projectName&order=asc&pageSize=2`)).json();
    expect(byName.total).toBe(3);
    expect(byName.items).toHaveLength(2);

    expect(fieldsOf(await operator.put(`/api/pitch-calls/${call.id}/awards`, { awards: [{ applicationId: app1.id, award: '一等奖' }, { applicationId: app2, award: '一等奖' }, { applicationId: app3, award: '二等奖' }], revision: call.revision }))).toEqual(['body.awards']);
    call = (await operator.put(`/api/pitch-calls/${call.id}/awards`, { awards: [{ applicationId: app2, award: '一等奖' }, { applicationId: app1.id, award: '二等奖' }], revision: call.revision })).json();
    const published = await operator.post(`/api/pitch-calls/${call.id}/publish`, { revision: call.revision });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().results).toEqual([
      { rank: 1, projectName: '智慧农机无人驾驶套件', teamName: '许昌智慧农机创客团队', award: '一等奖' },
      { rank: 2, projectName: '协作机器人视觉抓取模组', teamName: '陈晨智能硬件创客团队', award: '二等奖' },
      { rank: 3, projectName: '工业设备预测性维护平台', teamName: '铁西工业互联网创客团队', award: null },
    ]);
    // Each applying team is told its project's rank and award.
    expect((await toldOf('maker_chen', '智能机器人创新项目路演征集结果已发布')).map((n) => n.body)).toEqual(['您团队的项目“协作机器人视觉抓取模组”：排名第 2，获“二等奖”。']);
    expect((await toldOf('maker_gao', '智能机器人创新项目路演征集结果已发布')).map((n) => [n.body, n.link])).toEqual([['您团队的项目“工业设备预测性维护平台”：排名第 3。', `/app/pitches/${call.id}`]]);
    expect((await expert.post(`/api/pitch-applications/${app1.id}/score`, { conflict: false, scores: { c1: 1, c2: 1, c3: 1 } })).statusCode).toBe(409);

    const pub = await anonymous.get(`/api/portal/pitches?state=published&spaceId=${robot}`);
    expect(pub.statusCode).toBe(200);
    const item = pub.json().items.find((c: { id: string }) => c.id === call.id);
    expect(item.results).toHaveLength(3);
    for (const personal of ['陈晨（', '王磊', '孙悦', '高峰', '81.5', 'conflict', 'summary']) expect(pub.body).not.toContain(personal);
    expect((await maker.get(`/api/pitch-applications/${app1.id}`)).json()).toMatchObject({ rank: 2, award: '二等奖', finalScore: 80.75 });
    expect((await maker.get('/api/pitches/mine')).json().items.find((a: { id: string }) => a.id === app1.id)).toMatchObject({ rank: 2, award: '二等奖' });
    const audits = await t.ctx.db.select({ action: auditLog.action }).from(auditLog).where(inArray(auditLog.objectId, [app1.id, app2, app3]));
    expect(new Set(audits.map((a) => a.action))).toEqual(new Set(['pitch.application.submit', 'pitch.application.edit', 'pitch.application.score']));
  });

  const otherMakerApply = () => maker.post(`/api/pitch-calls/${call.id}/applications`, application({ projectName: '截止后的项目' }));

  it('keeps outsiders out of every write, changing nothing', async () => {
    const draft = (await operator.post(`/api/pitch-calls/spaces/${robot}`, body({ title: '机器人创新创业大赛初赛征集' }))).json();
    const before = await snapshot();
    expect((await otherOperator.post(`/api/pitch-calls/spaces/${robot}`, body())).statusCode).toBe(404);
    expect((await otherOperator.put(`/api/pitch-calls/${draft.id}`, { ...body(), revision: 1 })).statusCode).toBe(404);
    for (const move of ['open', 'review', 'publish']) expect((await otherOperator.post(`/api/pitch-calls/${draft.id}/${move}`, { revision: 1 })).statusCode).toBe(404);
    expect((await otherOperator.post(`/api/pitch-calls/${draft.id}/cancel`, { reason: '无理由', revision: 1 })).statusCode).toBe(404);
    expect((await otherOperator.put(`/api/pitch-calls/${call.id}/awards`, { awards: [], revision: 5 })).statusCode).toBe(404);
    expect((await otherOperator.get(`/api/pitch-calls/${call.id}/applications`)).statusCode).toBe(404);
    for (const a of [city, maker, expert]) {
      expect((await a.post(`/api/pitch-calls/spaces/${robot}`, body())).statusCode).toBe(403);
      expect((await a.post(`/api/pitch-calls/${draft.id}/open`, { revision: 1 })).statusCode).toBe(403);
      expect((await a.put(`/api/pitch-calls/${draft.id}/awards`, { awards: [], revision: 1 })).statusCode).toBe(403);
      expect((await a.get('/api/pitch-calls')).statusCode).toBe(403);
    }
    expect((await city.post(`/api/pitch-calls/${call.id}/applications`, application())).statusCode).toBe(403);
    expect((await maker2.post(`/api/pitch-calls/${draft.id}/applications`, application())).statusCode).toBe(404);
    expect((await maker2.put(`/api/pitch-applications/${app1.id}`, { ...application(), revision: app1.revision })).statusCode).toBe(404);
    expect((await maker2.post(`/api/pitch-applications/${app1.id}/withdraw`, { revision: app1.revision })).statusCode).toBe(404);
    expect((await otherExpert.post(`/api/pitch-applications/${app1.id}/score`, { conflict: false, scores: { c1: 1, c2: 1, c3: 1 } })).statusCode).toBe(404);
    expect((await maker.post(`/api/pitch-applications/${app1.id}/score`, { conflict: false, scores: { c1: 1 } })).statusCode).toBe(403);
    expect((await anonymous.post(`/api/pitch-applications/${app1.id}/score`, { conflict: false })).statusCode).toBe(401);
    expect((await otherOperator.get('/api/pitch-calls')).json().total).toBe(0);
    expect((await otherExpert.get('/api/pitch-reviews')).json().items.map((r: { callId: string }) => r.callId)).not.toContain(call.id);
    expect(await snapshot()).toEqual(before);
    expect((await operator.post(`/api/pitch-calls/${draft.id}/open`, { revision: 7 })).statusCode).toBe(409);
    expect(await snapshot()).toEqual(before);
    const cancelled = await operator.post(`/api/pitch-calls/${draft.id}/cancel`, { reason: '与市赛合并举办', revision: 1 });
    expect(cancelled.json()).toMatchObject({ state: 'cancelled', cancelReason: '与市赛合并举办', actions: [] });
  });
});
