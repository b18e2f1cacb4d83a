import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { fileUpload, SAMPLE } from '../../../test/helpers/multipart.ts';
import { SYSTEM_CONTEXT } from '../audit/service.ts';
import { auditLog } from '../audit/schema.ts';
import { createAccount } from '../identity/accounts.ts';
import { users } from '../identity/schema.ts';
import { createOrganisation } from '../orgs/service.ts';
import { spaces } from '../spaces/schema.ts';
import { crowdAwards, crowdChallenges, crowdPanel, crowdScores, crowdSolutions } from './schema.ts';
import { crowdFigures } from './service.ts';

let t: TestApp;
let operator: Agent;
let staff: Agent;
let otherOperator: Agent;
let maker: Agent;
let maker2: Agent;
let expert: Agent;
let otherExpert: Agent;
let city: Agent;
let anonymous: Agent;
let robot: string;
let panel: string[];

const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
const body = (over: Record<string, unknown> = {}) => ({
  title: '协作机器人末端快换装置设计',
  field: 'advanced_equipment',
  description: '集团需要一种 10 秒内完成末端工具更换的快换装置，负载 5 公斤，重复定位精度 0.05 毫米。',
  deliverables: '设计方案、三维模型与样机测试报告',
  ipTerms: 'issuer',
  confidentiality: '方案及集团提供的接口图纸不得对外披露。',
  rewardYuan: 50_000,
  deadline: `${year + 1}-06-30`,
  panelUserIds: panel,
  ...over,
});

async function snapshot() {
  const db = t.ctx.db;
  return {
    challenges: await db.select().from(crowdChallenges).orderBy(crowdChallenges.id),
    panel: (await db.select().from(crowdPanel)).length,
    solutions: await db.select().from(crowdSolutions).orderBy(crowdSolutions.id),
    scores: await db.select().from(crowdScores).orderBy(crowdScores.solutionId, crowdScores.userId),
    awards: (await db.select().from(crowdAwards)).length,
  };
}

const fieldsOf = (res: { json: () => { error?: { fields?: { field: string }[] } } }) => (res.json().error?.fields ?? []).map((f) => f.field);
const upload = async (a: Agent, name: string) => {
  const u = fileUpload(name, SAMPLE.pdf);
  return (await a.post('/api/files', u.payload, { headers: u.headers })).json().id as string;
};

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  robot = (await t.ctx.db.select().from(spaces).where(eq(spaces.name, '沈阳智能机器人专业化众创空间')))[0]!.id;
  const org = await createOrganisation(t.ctx.db, SYSTEM_CONTEXT, { name: '许昌智慧农机创客团队', kind: 'maker_team', regionCode: '411082' });
  await createAccount(t.ctx.db, t.config, SYSTEM_CONTEXT, { username: 'maker_sun', displayName: '孙悦', password: 'Xuchang#Maker2026', orgId: org.id, roles: ['maker'], mustChangePassword: false });
  [operator, staff, otherOperator, maker, expert, otherExpert, city] = (await Promise.all(
    ['op_robot_admin', 'op_robot_staff', 'op_univ_admin', 'maker_chen', 'expert_li', 'expert_liu', 'sy_admin'].map((u) => signIn(t.app, u)),
  )) as Agent[] as [Agent, Agent, Agent, Agent, Agent, Agent, Agent];
  maker2 = await signIn(t.app, 'maker_sun', 'Xuchang#Maker2026');
  anonymous = new Agent(t.app, '10.0.9.9');
  await anonymous.get('/api/auth/csrf');
  const ids = await t.ctx.db.select({ id: users.id, username: users.username }).from(users);
  panel = ['expert_li', 'op_robot_staff'].map((u) => ids.find((x) => x.username === u)!.id);
});
afterAll(() => t.close());

describe('a crowd challenge from draft to award', () => {
  let challenge: { id: string; revision: number };
  let solution: string;
  let solution2: string;
  let file: string;

  it('refuses bad input naming each field, and a panel member who may not sit on it', async () => {
    const bad = await operator.post(`/api/crowd/spaces/${robot}/challenges`, body({ title: '', ipTerms: 'mine', rewardYuan: -1, deadline: 'soon', panelUserIds: [] }));
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['body.title', 'body.ipTerms', 'body.rewardYuan', 'body.deadline', 'body.panelUserIds']));
    const past = await operator.post(`/api/crowd/spaces/${robot}/challenges`, body({ deadline: '2020-01-01' }));
    expect(fieldsOf(past)).toEqual(['body.deadline']);
    const makerId = (await t.ctx.db.select().from(users).where(eq(users.username, 'maker_chen')))[0]!.id;
    const wrongPanel = await operator.post(`/api/crowd/spaces/${robot}/challenges`, body({ panelUserIds: [makerId] }));
    expect(wrongPanel.statusCode).toBe(400);
    expect(fieldsOf(wrongPanel)).toEqual(['body.panelUserIds']);
    expect((await t.ctx.db.select().from(crowdChallenges)).length).toBe(0);
  });

  it('is drafted and published by the space, audited; a draft is the operator’s and the panel’s alone', async () => {
    const created = await operator.post(`/api/crowd/spaces/${robot}/challenges`, body());
    expect(created.statusCode, created.body).toBe(201);
    challenge = created.json();
    expect(created.json()).toMatchObject({ state: 'draft', actions: ['publish', 'close'], canEdit: true, panel: expect.arrayContaining([expect.objectContaining({ displayName: '李研究员（评审专家）' })]) });
    expect((await maker.get(`/api/crowd/challenges/${challenge.id}`)).statusCode).toBe(404);
    expect((await anonymous.get(`/api/portal/crowd/challenges/${challenge.id}`)).statusCode).toBe(404);
    expect((await expert.get(`/api/crowd/challenges/${challenge.id}`)).json().onPanel).toBe(true);
    const published = await staff.post(`/api/crowd/challenges/${challenge.id}/publish`, { revision: challenge.revision });
    expect(published.statusCode, published.body).toBe(200);
    challenge = published.json();
    expect(challenge).toMatchObject({ state: 'open', actions: ['judge', 'close'] });
    expect((await operator.post(`/api/crowd/challenges/${challenge.id}/publish`, { revision: challenge.revision })).statusCode).toBe(409);
    const pub = (await anonymous.get('/api/portal/crowd/challenges?state=open')).json();
    expect(pub.items.map((c: { id: string }) => c.id)).toContain(challenge.id);
    expect(pub.items[0].panel).toBeUndefined();
    const audits = await t.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, challenge.id));
    expect(audits.map((a) => a.action).sort()).toEqual(['crowd.challenge.create', 'crowd.challenge.publish']);
  });

  it('takes each team’s solution with files, privately', async () => {
    const view = (await maker.get(`/api/crowd/challenges/${challenge.id}`)).json();
    expect(view).toMatchObject({ canSubmit: true, panel: [], mySolutionId: null });
    file = await upload(maker, '快换装置方案.pdf');
    const otherFile = await upload(maker2, '别家方案.pdf');
    const stolen = await maker.post(`/api/crowd/challenges/${challenge.id}/solutions`, { title: '气动锁紧快换', summary: '采用钢珠锁紧与气动释放，换装 6 秒。', fileIds: [otherFile] });
    expect(stolen.statusCode).toBe(404);
    expect(fieldsOf(stolen)).toEqual(['body.fileIds']);
    const short = await maker.post(`/api/crowd/challenges/${challenge.id}/solutions`, { title: '短', summary: '短', fileIds: [] });
    expect(fieldsOf(short).sort()).toEqual(['body.summary', 'body.title']);
    const sub = await maker.post(`/api/crowd/challenges/${challenge.id}/solutions`, { title: '气动锁紧快换', summary: '采用钢珠锁紧与气动释放，换装 6 秒。', fileIds: [file] });
    expect(sub.statusCode, sub.body).toBe(201);
    solution = sub.json().id;
    expect((await maker.post(`/api/crowd/challenges/${challenge.id}/solutions`, { title: '第二份方案', summary: '同一团队不能再交第二份方案。', fileIds: [] })).statusCode).toBe(409);
    solution2 = (await maker2.post(`/api/crowd/challenges/${challenge.id}/solutions`, { title: '电磁吸附快换', summary: '电磁吸附加机械保险，换装 8 秒。', fileIds: [otherFile] })).json().id;

    // The content is the team's and the panel's (staff sit on it); nobody else learns it exists.
    expect((await maker.get(`/api/crowd/solutions/${solution}`)).json()).toMatchObject({ teamName: '陈晨智能硬件创客团队', fileCount: 1, averageScore: null, contentVisible: true });
    for (const a of [maker, expert, staff]) {
      const read = await a.get(`/api/crowd/solutions/${solution}`);
      expect(read.json()).toMatchObject({ contentVisible: true, summary: '采用钢珠锁紧与气动释放，换装 6 秒。', submitterName: '陈晨（创客）', files: [expect.objectContaining({ id: file })] });
      expect((await a.get(`/api/crowd/solutions/${solution}/files/${file}/download`)).statusCode).toBe(200);
    }
    expect((await staff.get(`/api/crowd/challenges/${challenge.id}/solutions`)).json().items.every((s: { summary: string | null }) => s.summary !== null)).toBe(true);
    // The space's operator off the panel awards on the panel's judgement: the outline, never the content or its files.
    const outline = await operator.get(`/api/crowd/solutions/${solution}`);
    expect(outline.statusCode).toBe(200);
    expect(outline.json()).toMatchObject({ teamName: '陈晨智能硬件创客团队', title: '气动锁紧快换', contentVisible: false, summary: null, submitterName: null, fileCount: null, files: null });
    expect(outline.body).not.toContain('钢珠锁紧');
    expect(outline.body).not.toContain('快换装置方案.pdf');
    expect((await operator.get(`/api/crowd/solutions/${solution}/files/${file}/download`)).statusCode).toBe(404);
    const listed = await operator.get(`/api/crowd/challenges/${challenge.id}/solutions`);
    expect(listed.json().items.map((s: { title: string; summary: string | null; contentVisible: boolean }) => [s.title, s.summary, s.contentVisible]).sort()).toEqual([
      ['气动锁紧快换', null, false],
      ['电磁吸附快换', null, false],
    ]);
    expect(listed.body).not.toContain('钢珠锁紧');
    expect(listed.body).not.toContain('陈晨（创客）');
    for (const a of [maker2, otherExpert, otherOperator, city]) {
      expect((await a.get(`/api/crowd/solutions/${solution}`)).statusCode).toBe(404);
      expect((await a.get(`/api/crowd/solutions/${solution}/files/${file}/download`)).statusCode).toBe(404);
    }
    expect((await anonymous.get(`/api/crowd/solutions/${solution}`)).statusCode).toBe(401);
    expect((await maker.get(`/api/crowd/challenges/${challenge.id}/solutions`)).json().items.map((s: { id: string }) => s.id)).toEqual([solution]);
    expect((await maker2.get(`/api/crowd/challenges/${challenge.id}/solutions`)).json().items.map((s: { id: string }) => s.id)).toEqual([solution2]);
    expect((await expert.get(`/api/crowd/challenges/${challenge.id}/solutions`)).json().items).toHaveLength(2);
    expect((await otherExpert.get(`/api/crowd/challenges/${challenge.id}/solutions`)).json().items).toEqual([]);
    const dl = await expert.get(`/api/crowd/solutions/${solution}/files/${file}/download`);
    expect(dl.statusCode).toBe(200);
    expect((await maker.get('/api/crowd/solutions/mine')).json().items.map((s: { id: string }) => s.id)).toEqual([solution]);
  });

  it('is scored by the panel only while judged, 0–100', async () => {
    expect((await expert.post(`/api/crowd/solutions/${solution}/score`, { score: 80 })).statusCode).toBe(409);
    challenge = (await operator.post(`/api/crowd/challenges/${challenge.id}/judge`, { revision: challenge.revision })).json();
    expect(challenge.revision).toBeGreaterThan(2);
    expect((await maker.post(`/api/crowd/challenges/${challenge.id}/solutions`, { title: '迟到的方案', summary: '截止后提交的方案应被拒绝。', fileIds: [] })).statusCode).toBe(409);
    const bad = await expert.post(`/api/crowd/solutions/${solution}/score`, { score: 101 });
    expect(fieldsOf(bad)).toEqual(['body.score']);
    const scored = await expert.post(`/api/crowd/solutions/${solution}/score`, { score: 88, comment: '结构简洁，换装快。' });
    expect(scored.statusCode, scored.body).toBe(200);
    expect(scored.json()).toMatchObject({ myScore: { score: 88 }, averageScore: 88, canScore: true });
    await staff.post(`/api/crowd/solutions/${solution}/score`, { score: 92 });
    await expert.post(`/api/crowd/solutions/${solution2}/score`, { score: 70 });
    expect((await operator.get(`/api/crowd/solutions/${solution}`)).json()).toMatchObject({ averageScore: 90, scoreCount: 2 });
    // The team does not see the panel's scores.
    expect((await maker.get(`/api/crowd/solutions/${solution}`)).json()).toMatchObject({ averageScore: null, scores: [] });
  });

  it('awards one solution, recording the IP terms, and announces it publicly without personal data', async () => {
    const foreign = await operator.post(`/api/crowd/challenges/${challenge.id}/award`, { solutionId: '00000000-0000-4000-8000-000000000000', revision: challenge.revision });
    expect(fieldsOf(foreign)).toEqual(['body.solutionId']);
    const awarded = await operator.post(`/api/crowd/challenges/${challenge.id}/award`, { solutionId: solution, note: '综合评分第一', revision: challenge.revision });
    expect(awarded.statusCode, awarded.body).toBe(200);
    expect(awarded.json()).toMatchObject({ state: 'awarded', award: { solutionId: solution, teamName: '陈晨智能硬件创客团队', rewardYuan: 50_000, ipTerms: 'issuer' } });
    expect(awarded.body).not.toContain('钢珠锁紧');
    expect((await operator.get(`/api/crowd/solutions/${solution}`)).json()).toMatchObject({ awarded: true, averageScore: 90, summary: null, files: null });
    const [row] = await t.ctx.db.select().from(crowdAwards).where(eq(crowdAwards.challengeId, challenge.id));
    expect(row).toMatchObject({ solutionId: solution, ipTerms: 'issuer', rewardYuan: 50_000 });
    expect((await expert.post(`/api/crowd/solutions/${solution}/score`, { score: 10 })).statusCode).toBe(409);
    const pub = await anonymous.get(`/api/portal/crowd/challenges/${challenge.id}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json().award).toMatchObject({ teamName: '陈晨智能硬件创客团队', rewardYuan: 50_000, ipTerms: 'issuer' });
    expect(pub.body).not.toContain('陈晨（创客）');
    expect(pub.body).not.toContain('气动锁紧快换');
    expect((await anonymous.get('/api/portal/crowd/challenges?state=awarded')).json().total).toBe(1);
    expect((await maker.get(`/api/crowd/solutions/${solution}`)).json().awarded).toBe(true);
  });

  it('counts challenges, solutions and rewards per space for the statistics return', async () => {
    const figures = await crowdFigures(t.ctx.db, year, [robot]);
    expect(figures.get(robot)).toEqual({ challengesPublished: 1, solutionsReceived: 2, challengesAwarded: 1, rewardsYuan: 50_000 });
    const all = await crowdFigures(t.ctx.db, year);
    expect(all.get(robot)?.solutionsReceived).toBe(2);
    expect((await crowdFigures(t.ctx.db, year - 1, [robot])).get(robot)).toEqual({ challengesPublished: 0, solutionsReceived: 0, challengesAwarded: 0, rewardsYuan: 0 });
  });

  it('keeps outsiders out of every write, changing nothing', async () => {
    const draft = (await operator.post(`/api/crowd/spaces/${robot}/challenges`, body({ title: '机器人关节减速器降噪方案' }))).json();
    const before = await snapshot();
    // Another operator: 404 on the space's and the challenge's writes; an authority or a maker: 403.
    expect((await otherOperator.post(`/api/crowd/spaces/${robot}/challenges`, body())).statusCode).toBe(404);
    expect((await otherOperator.put(`/api/crowd/challenges/${draft.id}`, { ...body(), revision: 1 })).statusCode).toBe(404);
    for (const move of ['publish', 'judge']) expect((await otherOperator.post(`/api/crowd/challenges/${draft.id}/${move}`, { revision: 1 })).statusCode).toBe(404);
    expect((await otherOperator.post(`/api/crowd/challenges/${draft.id}/close`, { reason: '无理由', revision: 1 })).statusCode).toBe(404);
    expect((await otherOperator.post(`/api/crowd/challenges/${challenge.id}/award`, { solutionId: solution, revision: 5 })).statusCode).toBe(404);
    for (const a of [city, maker, expert]) {
      expect((await a.post(`/api/crowd/spaces/${robot}/challenges`, body())).statusCode).toBe(403);
      expect((await a.post(`/api/crowd/challenges/${draft.id}/publish`, { revision: 1 })).statusCode).toBe(403);
      expect((await a.get('/api/crowd/challenges')).statusCode).toBe(403);
    }
    expect((await city.post(`/api/crowd/challenges/${challenge.id}/solutions`, { title: '冒名方案标题', summary: '不是创客团队不能提交方案。', fileIds: [] })).statusCode).toBe(403);
    expect((await maker2.post(`/api/crowd/challenges/${draft.id}/solutions`, { title: '草稿的方案标题', summary: '草稿状态的任务不可见。', fileIds: [] })).statusCode).toBe(404);
    expect((await otherExpert.post(`/api/crowd/solutions/${solution}/score`, { score: 1 })).statusCode).toBe(404);
    expect((await maker.post(`/api/crowd/solutions/${solution}/score`, { score: 100 })).statusCode).toBe(404);
    expect((await anonymous.post(`/api/crowd/solutions/${solution}/score`, { score: 100 })).statusCode).toBe(401);
    expect((await otherOperator.get('/api/crowd/challenges')).json().total).toBe(0);
    expect(await snapshot()).toEqual(before);
    // A stale revision loses nothing either.
    expect((await operator.put(`/api/crowd/challenges/${draft.id}`, { ...body(), revision: 0 })).statusCode).toBe(400);
    expect((await operator.post(`/api/crowd/challenges/${draft.id}/publish`, { revision: 7 })).statusCode).toBe(409);
    expect(await snapshot()).toEqual(before);
    const closed = await operator.post(`/api/crowd/challenges/${draft.id}/close`, { reason: '集团已自行解决', revision: 1 });
    expect(closed.json()).toMatchObject({ state: 'closed', closeReason: '集团已自行解决', actions: [] });
  });
});
