import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Agent } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { auditLog } from '../audit/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { mentorRatio } from './rules.ts';
import { coachingRelations, coachingSessions, mentors } from './schema.ts';
import { mentorFigures } from './service.ts';

let t: TestApp;
let operator: Agent;
let otherOperator: Agent;
let city: Agent;
let otherCity: Agent;
let maker: Agent;
let robot: string;
let park: string;

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const year = () => Number(today().slice(0, 4));

const mentorBody = (over: Record<string, unknown> = {}) => ({
  name: '周建国',
  kind: 'industry',
  term: 'part_time',
  fields: ['工业机器人', '智能制造'],
  affiliation: '新松机器人自动化股份有限公司',
  title: '高级工程师',
  contactMobile: '13940001234',
  contactEmail: 'zhou@example.cn',
  active: true,
  ...over,
});

async function snapshot() {
  const db = t.ctx.db;
  return {
    mentors: await db.select().from(mentors).orderBy(mentors.id),
    relations: await db.select().from(coachingRelations).orderBy(coachingRelations.id),
    sessions: await db.select().from(coachingSessions).orderBy(coachingSessions.id),
  };
}

const fieldsOf = (res: { json: () => { error?: { fields?: { field: string }[] } } }) => (res.json().error?.fields ?? []).map((f) => f.field);

/** Registers `n` resident teams in the robot space's roster; their ids. */
async function registerTeams(n: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await operator.post(`/api/roster/spaces/${robot}/incubatees`, {
      kind: 'team',
      name: `${prefix}创业团队${i + 1}`,
      entryDate: '2025-03-01',
      founderTypes: ['student'],
      jobs: 3,
      graduatesHired: 0,
      validIp: 0,
      inventionPatents: 0,
      newlyRegistered: false,
    });
    expect(res.statusCode, res.body).toBe(201);
    ids.push(res.json().id);
  }
  return ids;
}

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  const spaceId = async (name: string) => (await t.ctx.db.select().from(spaces).where(eq(spaces.name, name)))[0]!.id;
  robot = await spaceId('沈阳智能机器人专业化众创空间');
  park = await spaceId('金陵理工生物医药专业化众创空间');
  [operator, otherOperator, city, otherCity, maker] = (await Promise.all(['op_robot_admin', 'op_univ_admin', 'sy_admin', 'nj_admin', 'maker_chen'].map((u) => signIn(t.app, u)))) as [Agent, Agent, Agent, Agent, Agent];
});
afterAll(() => t.close());

describe('the ratio rule', () => {
  it('needs one industry mentor per 15 incubatees, rounding up', () => {
    expect(mentorRatio(0, 0)).toMatchObject({ required: 0, met: true, incubateesPerMentor: null });
    expect(mentorRatio(1, 15)).toMatchObject({ required: 1, met: true, incubateesPerMentor: 15 });
    expect(mentorRatio(1, 16)).toMatchObject({ required: 2, met: false });
    expect(mentorRatio(2, 16)).toMatchObject({ required: 2, met: true, incubateesPerMentor: 8 });
    expect(mentorRatio(0, 1)).toMatchObject({ required: 1, met: false });
  });
});

describe('mentors, coaching and the live ratio', () => {
  it('refuses bad input naming each field', async () => {
    const bad = await operator.post(`/api/mentors/spaces/${robot}`, mentorBody({ name: '', kind: 'guru', term: 'sometimes', contactMobile: '12345', contactEmail: 'nope' }));
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['body.name', 'body.kind', 'body.term', 'body.contactMobile', 'body.contactEmail']));
    expect((await operator.post(`/api/mentors/spaces/${robot}`, { ...mentorBody(), salary: 1 })).statusCode).toBe(400);
  });

  it('keeps mentors, relations and sessions, shows the ratio live against the roster, and counts each mentor’s sessions this year', async () => {
    const teams = await registerTeams(16, '导师测试');
    const first = await operator.post(`/api/mentors/spaces/${robot}`, mentorBody());
    expect(first.statusCode, first.body).toBe(201);
    const m = first.json();
    expect(m).toMatchObject({ kind: 'industry', contactMobile: '13940001234', personalDataMasked: false, sessionsThisYear: 0 });
    let ratio = (await operator.get(`/api/mentors/spaces/${robot}/ratio`)).json();
    expect(ratio).toMatchObject({ industryMentors: 1, incubatees: 16, required: 2, met: false });
    await operator.post(`/api/mentors/spaces/${robot}`, mentorBody({ name: '李创业', kind: 'startup', fields: ['商业模式'] }));
    expect((await operator.get(`/api/mentors/spaces/${robot}/ratio`)).json()).toMatchObject({ industryMentors: 1, met: false });
    const second = (await operator.post(`/api/mentors/spaces/${robot}`, mentorBody({ name: '王工', fields: ['机器视觉'] }))).json();
    ratio = (await operator.get(`/api/mentors/spaces/${robot}/ratio`)).json();
    expect(ratio).toMatchObject({ industryMentors: 2, incubatees: 16, required: 2, met: true, incubateesPerMentor: 8 });
    // A stopped mentor no longer counts.
    const stopped = await operator.put(`/api/mentors/${second.id}`, { ...mentorBody({ name: '王工', fields: ['机器视觉'], active: false }), revision: second.revision });
    expect(stopped.statusCode, stopped.body).toBe(200);
    expect((await operator.get(`/api/mentors/spaces/${robot}/ratio`)).json().met).toBe(false);

    // A relation with a team of the roster: pending → active → completed, sessions only while active.
    const badRelation = await operator.post(`/api/mentors/${m.id}/relations`, { incubateeId: 'x' });
    expect(fieldsOf(badRelation)).toEqual(['body.incubateeId']);
    let rel = (await operator.post(`/api/mentors/${m.id}/relations`, { incubateeId: teams[0], goal: '完成样机设计' })).json();
    expect(rel).toMatchObject({ state: 'pending', incubatee: { id: teams[0] } });
    expect((await operator.post(`/api/mentors/${m.id}/relations`, { incubateeId: teams[0] })).statusCode).toBe(409);
    const early = await operator.post(`/api/mentors/relations/${rel.id}/sessions`, { heldOn: today(), topic: '样机方案', durationMinutes: 60, outcome: '确定方案' });
    expect(early.statusCode).toBe(409);
    expect((await operator.post(`/api/mentors/relations/${rel.id}/state`, { state: 'completed', on: today() })).statusCode).toBe(409);
    const startOn = `${year()}-01-02`;
    rel = (await operator.post(`/api/mentors/relations/${rel.id}/state`, { state: 'active', on: startOn })).json();
    expect(rel).toMatchObject({ state: 'active', startedOn: startOn });
    const badSession = await operator.post(`/api/mentors/relations/${rel.id}/sessions`, { heldOn: '2099-01-01', topic: '', durationMinutes: 0, outcome: '' });
    expect(fieldsOf(badSession).sort()).toEqual(['body.durationMinutes', 'body.outcome', 'body.topic']);
    const future = await operator.post(`/api/mentors/relations/${rel.id}/sessions`, { heldOn: '2099-01-01', topic: '样机方案', durationMinutes: 60, outcome: '确定方案' });
    expect(fieldsOf(future)).toEqual(['body.heldOn']);
    const beforeStart = await operator.post(`/api/mentors/relations/${rel.id}/sessions`, { heldOn: `${year() - 1}-12-01`, topic: '样机方案', durationMinutes: 60, outcome: '确定方案' });
    expect(fieldsOf(beforeStart)).toEqual(['body.heldOn']);
    for (const [i, minutes] of [90, 45].entries()) {
      const s = await operator.post(`/api/mentors/relations/${rel.id}/sessions`, { heldOn: startOn, topic: `第 ${i + 1} 次辅导`, durationMinutes: minutes, outcome: '形成改进清单' });
      expect(s.statusCode, s.body).toBe(201);
    }
    const listed = (await operator.get(`/api/mentors?spaceId=${robot}&kind=industry&sort=sessionsThisYear&order=desc`)).json();
    expect(listed.items[0]).toMatchObject({ id: m.id, sessionsThisYear: 2, minutesThisYear: 135, activeRelations: 1 });
    const sessions = (await operator.get(`/api/mentors/sessions?mentorId=${m.id}&year=${year()}`)).json();
    expect(sessions.total).toBe(2);
    expect(sessions.items[0]).toMatchObject({ incubateeName: '导师测试创业团队1', mentor: { name: '周建国' } });
    rel = (await operator.post(`/api/mentors/relations/${rel.id}/state`, { state: 'completed', on: today() })).json();
    expect(rel).toMatchObject({ state: 'completed', sessions: 2 });
    expect((await operator.get(`/api/mentors/relations?state=completed&spaceId=${robot}`)).json().items.map((r: { id: string }) => r.id)).toContain(rel.id);

    const figures = await mentorFigures(t.ctx.db, [robot, park], year());
    expect(figures.get(robot)).toMatchObject({ mentors: 2, industryMentors: 1, sessions: 2, sessionMinutes: 135, mentorsUnderTwoSessions: 1 });
    expect(figures.get(park)).toMatchObject({ mentors: 0, sessions: 0 });
    const audits = await t.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, rel.id));
    expect(audits.map((a) => a.action).sort()).toEqual(['coaching.complete', 'coaching.create', 'coaching.session', 'coaching.session', 'coaching.start']);
  });

  it('refuses a relation with another space’s incubatee', async () => {
    const m = (await operator.post(`/api/mentors/spaces/${robot}`, mentorBody({ name: '孙导师' }))).json();
    const elsewhere = await otherOperator.post(`/api/roster/spaces/${park}/incubatees`, {
      kind: 'team',
      name: '金陵生物创业团队',
      entryDate: '2025-03-01',
      founderTypes: [],
      jobs: 2,
      graduatesHired: 0,
      validIp: 0,
      inventionPatents: 0,
      newlyRegistered: false,
    });
    const res = await operator.post(`/api/mentors/${m.id}/relations`, { incubateeId: elsewhere.json().id });
    expect(res.statusCode).toBe(404);
    expect(fieldsOf(res)).toEqual(['body.incubateeId']);
  });

  it('lets the city read its jurisdiction’s mentors with contacts masked, and nobody else', async () => {
    const listed = (await city.get(`/api/mentors?spaceId=${robot}`)).json();
    expect(listed.total).toBeGreaterThan(0);
    expect(listed.items[0]).toMatchObject({ personalDataMasked: true, canEdit: false });
    expect(listed.items[0].contactMobile).toContain('****');
    expect((await city.get(`/api/mentors/spaces/${robot}/ratio`)).statusCode).toBe(200);
    expect((await otherCity.get(`/api/mentors/spaces/${robot}/ratio`)).statusCode).toBe(404);
    expect((await otherCity.get(`/api/mentors?spaceId=${robot}`)).json().total).toBe(0);
    expect((await otherOperator.get(`/api/mentors/spaces/${robot}/ratio`)).statusCode).toBe(404);
    expect((await maker.get('/api/mentors')).statusCode).toBe(403);
  });

  it('refuses outsiders on every write, changing nothing', async () => {
    const m = (await operator.post(`/api/mentors/spaces/${robot}`, mentorBody({ name: '吴导师' }))).json();
    const [team] = await registerTeams(1, '隔离测试');
    const rel = (await operator.post(`/api/mentors/${m.id}/relations`, { incubateeId: team })).json();
    await operator.post(`/api/mentors/relations/${rel.id}/state`, { state: 'active', on: today() });
    const before = await snapshot();
    const writes = (a: Agent) => [
      a.post(`/api/mentors/spaces/${robot}`, mentorBody()),
      a.put(`/api/mentors/${m.id}`, { ...mentorBody(), revision: m.revision }),
      a.post(`/api/mentors/${m.id}/relations`, { incubateeId: team }),
      a.post(`/api/mentors/relations/${rel.id}/state`, { state: 'completed', on: today() }),
      a.post(`/api/mentors/relations/${rel.id}/sessions`, { heldOn: today(), topic: '越权辅导', durationMinutes: 30, outcome: '不应记录' }),
    ];
    expect((await Promise.all(writes(otherOperator))).map((r) => r.statusCode)).toEqual([404, 404, 404, 404, 404]);
    for (const a of [city, maker]) expect((await Promise.all(writes(a))).map((r) => r.statusCode)).toEqual([403, 403, 403, 403, 403]);
    for (const url of ['/api/mentors', '/api/mentors/relations', '/api/mentors/sessions']) expect((await maker.get(url)).statusCode).toBe(403);
    expect((await otherOperator.get(`/api/mentors/relations?spaceId=${robot}`)).json().total).toBe(0);
    expect((await otherOperator.get(`/api/mentors/sessions?spaceId=${robot}`)).json().total).toBe(0);
    expect(await snapshot()).toEqual(before);
  });
});
