/**
 * The public directory of filed spaces, each filed space's public page, the operator's editor of the
 * public-site fields and the open-data exports. Two demo spaces are filed by hand (application, list,
 * filing rows: the filing chain itself is tested elsewhere), the third stays unfiled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { mobilesIn } from '../../../test/helpers/redaction.ts';
import { statementProbe } from '../../db/client.ts';
import { directory, providePublicActivities, publicSpacePage } from './directory.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field, as the API's JSON
type Json = any;

let t: TestApp;
let anon: Agent;
let robotAdmin: Agent;
let robotStaff: Agent;
let cgAdmin: Agent;
let lnAdmin: Agent;
const ids: Record<'robot' | 'univ' | 'cg', string> = { robot: '', univ: '', cg: '' };
let listId = '';

const ID_NUMBER = /\d{17}[\dXx]/;
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.]+/g;

const CASES = [
  { title: '协作机器人项目获天使轮融资', content: '入驻团队研发的协作机器人完成 500 万元天使轮融资，已进入汽车零部件产线试用。' },
  { title: '视觉检测团队落地沈阳铁西', content: '机器视觉质检团队在空间孵化两年后成立公司，年营业收入突破 1000 万元。' },
];

/** Files the space at `level` on a published list of a demo call: the rows the filing chain would leave. */
async function file(spaceId: string, level: 'city' | 'province' | 'national', list?: string) {
  const db = t.ctx.database;
  const [call] = await db.query<{ id: string; authority_org_id: string }>(`select id, authority_org_id from calls where kind = 'filing' and level = $1 order by title limit 1`, [level]);
  const [space] = await db.query<{ operator_org_id: string }>(`select operator_org_id from spaces where id = $1`, [spaceId]);
  const [app] = await db.query<{ id: string }>(
    `insert into applications (call_id, space_id, operator_org_id, kind, status, report) values ($1, $2, $3, 'filing', 'approved', $4) returning id`,
    [call!.id, spaceId, space!.operator_org_id, JSON.stringify({ successCases: CASES })],
  );
  if (!list) {
    const [row] = await db.query<{ id: string }>(
      `insert into filing_lists (call_id, stage_key, authority_org_id, kind, level, title, document_number, issued_on)
       values ($1, 'decision', $2, 'filing', $3, '2026 年度众创空间备案名单', '测科〔2026〕8号', '2026-06-30') returning id`,
      [call!.id, call!.authority_org_id, level],
    );
    list = row!.id;
  }
  await db.query(
    `insert into filing_list_entries (list_id, application_id, space_id, space_name, operator_name, region_name) select $1, $2, s.id, s.name, o.name, r.name
     from spaces s join organisations o on o.id = s.operator_org_id join regions r on r.code = s.region_code where s.id = $3`,
    [list, app!.id, spaceId],
  );
  await db.query(`insert into filings (space_id, level, application_id, list_id) values ($1, $2, $3, $4)`, [spaceId, level, app!.id, list]);
  return list;
}

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  anon = new Agent(t.app);
  robotAdmin = await signIn(t.app, 'op_robot_admin');
  robotStaff = await signIn(t.app, 'op_robot_staff');
  cgAdmin = await signIn(t.app, 'op_cg_admin');
  lnAdmin = await signIn(t.app, 'ln_admin');
  const spaces = await t.ctx.database.query<{ id: string; name: string }>(`select id, name from spaces`);
  const idOf = (name: string) => spaces.find((s) => s.name === name)!.id;
  ids.robot = idOf('沈阳智能机器人专业化众创空间');
  ids.univ = idOf('金陵理工生物医药专业化众创空间');
  ids.cg = idOf('长葛创新工场众创空间');
  listId = await file(ids.robot, 'province');
  await file(ids.robot, 'national');
  await file(ids.cg, 'city');
  // A mentor with personal contacts and a listed service of the filed robot space.
  const mentor = await robotAdmin.post(`/api/mentors/spaces/${ids.robot}`, {
    name: '郑海涛',
    kind: 'industry',
    term: 'part_time',
    fields: ['工业机器人'],
    affiliation: '沈阳新松机器人自动化股份有限公司',
    title: '高级工程师',
    contactMobile: '13812345678',
    contactEmail: 'zheng.haitao@example.cn',
    active: true,
  });
  expect(mentor.statusCode, mentor.body).toBe(201);
  const svc = await robotAdmin.post(`/api/services/spaces/${ids.robot}/catalogue`, {
    name: '机器人样机检测',
    kind: 'testing',
    description: '协作机器人安全与精度检测，出具检测报告。',
    priceBasis: 'quote',
    leadDays: 7,
    active: true,
  });
  expect(svc.statusCode, svc.body).toBe(201);
}, 300_000);
afterAll(() => t.close());

const ok = async (agent: Agent, url: string) => {
  const r = await agent.get(url);
  expect(r.statusCode, `${url} ${r.body}`).toBe(200);
  return r.json() as Json;
};

describe('the public directory', () => {
  it('lists filed spaces only, to anyone, with their levels, highest first', async () => {
    const all = await ok(anon, '/api/portal/spaces');
    expect(all.items.map((s: Json) => s.id)).toEqual([ids.robot, ids.cg]);
    expect(all.total).toBe(2);
    expect(all.items[0]).toMatchObject({ name: '沈阳智能机器人专业化众创空间', levels: ['national', 'province'], category: 'professional', serviceKinds: ['testing'] });
    expect(all.items[1]).toMatchObject({ levels: ['city'], regionCode: '411082' });
    // The signed-in read the same.
    expect((await ok(robotAdmin, '/api/portal/spaces')).items).toEqual(all.items);
  });

  it('filters by keyword, region subtree, level, category, field and service kind, and sorts', async () => {
    const only = async (query: string) => (await ok(anon, `/api/portal/spaces?${query}`)).items.map((s: Json) => s.id);
    expect(await only(`q=${encodeURIComponent('机器人')}`)).toEqual([ids.robot]);
    expect(await only(`q=${encodeURIComponent('超硬材料')}`)).toEqual([ids.cg]);
    expect(await only(`q=${encodeURIComponent('新材料')}`)).toEqual([ids.cg]);
    expect(await only(`q=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await only('region=410000')).toEqual([ids.cg]);
    expect(await only('region=411000')).toEqual([ids.cg]);
    expect(await only('region=210000')).toEqual([ids.robot]);
    expect(await only('region=320000')).toEqual([]);
    expect(await only('level=national')).toEqual([ids.robot]);
    expect(await only('level=city')).toEqual([ids.cg]);
    expect(await only('category=regular')).toEqual([ids.cg]);
    expect(await only('industry=advanced_equipment')).toEqual([ids.robot]);
    expect(await only('serviceKind=testing')).toEqual([ids.robot]);
    expect(await only('serviceKind=financing')).toEqual([]);
    expect(await only('sort=region')).toEqual([ids.robot, ids.cg]);
    expect(await only('sort=level&order=asc')).toEqual([ids.cg, ids.robot]);
    const first = await ok(anon, '/api/portal/spaces?pageSize=1&page=2');
    expect(first.items.map((s: Json) => s.id)).toEqual([ids.cg]);
    expect(first.total).toBe(2);
  });

  it('refuses bad filters with 400 naming the field in Chinese', async () => {
    for (const [query, field] of [
      ['region=4100', 'querystring.region'],
      ['level=county', 'querystring.level'],
      ['category=incubator', 'querystring.category'],
      ['serviceKind=cooking', 'querystring.serviceKind'],
      ['sort=secret', 'querystring.sort'],
    ] as const) {
      const r = await anon.get(`/api/portal/spaces?${query}`);
      expect(r.statusCode, query).toBe(400);
      const fields = r.json().error.fields as Json[];
      expect(fields.map((f) => f.field)).toEqual([field]);
      expect(fields[0].message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('offers as region filters the regions holding filed spaces and those above them', async () => {
    const { items } = await ok(anon, '/api/portal/spaces/regions');
    const codes = items.map((r: Json) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['210000', '210100', '410000', '411000', '411082']));
    expect(codes).not.toContain('320000');
    expect(codes).not.toContain('000000');
  });

  it('reads a page in a fixed number of statements', async () => {
    const small = await statementProbe.count(() => directory(t.ctx.db, { page: 1, pageSize: 1 }));
    const large = await statementProbe.count(() => directory(t.ctx.db, { page: 1, pageSize: 100 }));
    expect(large.result.items.length).toBeGreaterThan(small.result.items.length);
    expect(large.statements).toBe(small.statements);
    // One page reads each of its sources once; the activity record and the events open for sign-up (the events
    // module's page and count) are two each, the crowd tasks three (page, count, awards), the funds and the
    // published supports (the supports module's page) one each.
    const page = await statementProbe.count(() => publicSpacePage(t.ctx.db, ids.robot));
    expect(page.statements).toBeLessThanOrEqual(18);
  });
});

describe('a filed space’s public page', () => {
  it('shows profile, filings, services and mentors without any personal data', async () => {
    const page = await ok(anon, `/api/portal/spaces/${ids.robot}`);
    expect(page).toMatchObject({
      name: '沈阳智能机器人专业化众创空间',
      levels: ['national', 'province'],
      operatorName: '沈阳新锐智造众创科技有限公司',
      hosts: ['沈阳新锐机器人集团有限公司'],
      successCasesFrom: 'filing_report',
      successCases: CASES,
    });
    expect(page.region.fullName).toContain('沈阳市');
    expect(page.filings[0]).toMatchObject({ list: { documentNumber: '测科〔2026〕8号' } });
    expect(page.services.map((s: Json) => s.name)).toEqual(['机器人样机检测']);
    expect(page.mentors).toEqual([{ id: expect.any(String), name: '郑海涛', kind: 'industry', fields: ['工业机器人'], affiliation: '沈阳新松机器人自动化股份有限公司', title: '高级工程师', contactConsent: false }]);
    // The app wires the events module's record (src/modules/index.ts); this space has held none.
    expect(page.activities).toEqual([]);
    const body = JSON.stringify(page);
    expect(mobilesIn(body)).toEqual([]);
    expect(body).not.toMatch(ID_NUMBER);
    expect(body.match(EMAIL)).toBeNull();
    expect(body).not.toContain('uscc');
  });

  it('shows the space’s published evaluation grades, newest first, named in Chinese', async () => {
    const db = t.ctx.database;
    expect((await ok(anon, `/api/portal/spaces/${ids.robot}`)).grades).toEqual([]);
    const [app] = await db.query<{ id: string; call_id: string }>(`select id, call_id from applications where space_id = $1 limit 1`, [ids.robot]);
    for (const [year, grade] of [
      [2024, 'good'],
      [2025, 'excellent'],
    ] as const) {
      await db.query(`insert into evaluation_grades (space_id, year, level, grade, grade_reason, call_id, submission_id, list_id) values ($1, $2, 'province', $3, $4, $5, $6, $7)`, [
        ids.robot,
        year,
        grade,
        JSON.stringify({ zh: '总分 85', en: 'total 85' }),
        app!.call_id,
        app!.id,
        listId,
      ]);
    }
    expect((await ok(anon, `/api/portal/spaces/${ids.robot}`)).grades).toEqual([
      { year: 2025, level: 'province', grade: 'excellent', gradeName: '优秀' },
      { year: 2024, level: 'province', grade: 'good', gradeName: '良好' },
    ]);
    expect((await ok(anon, `/api/portal/spaces/${ids.cg}`)).grades).toEqual([]);
  });

  it('is not found for an unfiled or unknown space, and 400 for a malformed id', async () => {
    for (const id of [ids.univ, '00000000-0000-4000-8000-000000000000']) {
      const r = await anon.get(`/api/portal/spaces/${id}`);
      expect(r.statusCode).toBe(404);
      expect(r.json().error.message).toContain('众创空间不存在');
    }
    expect((await anon.get('/api/portal/spaces/not-a-uuid')).statusCode).toBe(400);
  });

  it('shows the activity record its provider reads', async () => {
    const wired = providePublicActivities(async (_db, spaceId) => [{ id: 'a1', title: `${spaceId === ids.robot ? '机器人' : ''}路演`, kind: 'roadshow', role: 'host', startsAt: new Date('2026-05-01T02:00:00Z'), summary: null, photoIds: [] }]);
    try {
      const page = await ok(anon, `/api/portal/spaces/${ids.robot}`);
      expect(page.activities).toEqual([expect.objectContaining({ title: '机器人路演', kind: 'roadshow' })]);
    } finally {
      providePublicActivities(wired);
    }
  });
});

describe('a filed space’s events open for sign-up on its public page', () => {
  it('lists its published events still open for sign-up, soonest first, with the seats left and no person', async () => {
    const DAY = 86_400_000;
    const iso = (ms: number) => new Date(Date.now() + ms).toISOString();
    const event = async (title: string, days: number, publish = true) => {
      const created = await robotAdmin.post(`/api/events/spaces/${ids.robot}`, {
        title, kind: 'training', role: 'host', partners: [], subField: '工业机器人', description: '面向在孵团队的离线编程与仿真实训。', place: 'A 座 2 楼 培训室', onlineUrl: null,
        startsAt: iso(days * DAY), endsAt: iso(days * DAY + 3_600_000), capacity: 2, signupOpensAt: iso(-DAY), signupClosesAt: iso((days - 1) * DAY), needsApproval: false,
      });
      expect(created.statusCode, created.body).toBe(201);
      if (publish) expect((await robotAdmin.post(`/api/events/${created.json().id}/publish`, { revision: created.json().revision })).statusCode).toBe(200);
      return created.json().id as string;
    };
    const later = await event('机器人视觉检测实训', 20);
    const sooner = await event('协作机器人编程培训', 10);
    await event('尚未发布的培训', 5, false);
    const maker = await signIn(t.app, 'maker_chen');
    expect((await maker.post(`/api/events/${sooner}/signups`, {})).statusCode).toBe(201);

    const page = await ok(anon, `/api/portal/spaces/${ids.robot}`);
    expect(page.openEvents.map((e: Json) => [e.id, e.title, e.seatsLeft, e.online])).toEqual([
      [sooner, '协作机器人编程培训', 1, false],
      [later, '机器人视觉检测实训', 2, false],
    ]);
    expect(JSON.stringify(page.openEvents)).not.toMatch(/陈晨|token|maker_chen/);
    expect((await ok(anon, `/api/portal/spaces/${ids.cg}`)).openEvents).toEqual([]);
  });
});

describe('a filed space’s crowd tasks and funds on its public page', () => {
  it('shows its published challenges with the award and its active funds, never a draft, a solution or a person', async () => {
    const users = await t.ctx.database.query<{ id: string; username: string }>(`select id, username from users where username in ('expert_li', 'op_robot_staff', 'maker_chen')`);
    const userId = (name: string) => users.find((u) => u.username === name)!.id;
    const challenge = (title: string) => ({
      title,
      field: 'advanced_equipment',
      description: '集团需要一种 10 秒内完成末端工具更换的快换装置，负载 5 公斤，重复定位精度 0.05 毫米。',
      deliverables: '设计方案、三维模型与样机测试报告',
      ipTerms: 'shared',
      confidentiality: '方案及集团提供的接口图纸不得对外披露。',
      rewardYuan: 30_000,
      deadline: `${new Date().getFullYear() + 1}-06-30`,
      panelUserIds: [userId('expert_li'), userId('op_robot_staff')],
    });
    const created = await robotAdmin.post(`/api/crowd/spaces/${ids.robot}/challenges`, challenge('机器人末端快换装置'));
    expect(created.statusCode, created.body).toBe(201);
    let c = (await robotAdmin.post(`/api/crowd/challenges/${created.json().id}/publish`, { revision: created.json().revision })).json();
    const maker = await signIn(t.app, 'maker_chen');
    const solution = await maker.post(`/api/crowd/challenges/${c.id}/solutions`, { title: '气动锁紧快换方案', summary: '采用钢珠锁紧与气动释放，换装 6 秒。', fileIds: [] });
    expect(solution.statusCode, solution.body).toBe(201);
    c = (await robotAdmin.post(`/api/crowd/challenges/${c.id}/judge`, { revision: c.revision })).json();
    const awarded = await robotAdmin.post(`/api/crowd/challenges/${c.id}/award`, { solutionId: solution.json().id, note: '综合评分第一', revision: c.revision });
    expect(awarded.statusCode, awarded.body).toBe(200);
    // A draft stays the operator's.
    expect((await robotAdmin.post(`/api/crowd/spaces/${ids.robot}/challenges`, challenge('尚未发布的草稿任务'))).statusCode).toBe(201);
    const fund = (over: Record<string, unknown>) => robotAdmin.post(`/api/financing/spaces/${ids.robot}/funds`, { name: '新锐智造天使基金', kind: 'own', sizeWan: 2000, manager: '沈阳新锐创业投资管理有限公司', since: '2022-05-01', active: true, ...over });
    for (const over of [{}, { name: '盛京合作基金', kind: 'partner', partner: '盛京资本', sizeWan: 12_000, since: '2023-01-01' }, { name: '已停用的基金', active: false }]) expect((await fund(over)).statusCode).toBe(201);

    const page = await ok(anon, `/api/portal/spaces/${ids.robot}`);
    expect(page.crowdTasks).toEqual([
      {
        id: c.id,
        title: '机器人末端快换装置',
        field: 'advanced_equipment',
        state: 'awarded',
        rewardYuan: 30_000,
        deadline: expect.any(String),
        ipTerms: 'shared',
        solutionCount: 1,
        award: { teamName: '陈晨智能硬件创客团队', rewardYuan: 30_000, ipTerms: 'shared', awardedAt: expect.any(String) },
      },
    ]);
    expect(page.funds.map((f: Json) => [f.name, f.kind, f.sizeWan, f.partner])).toEqual([
      ['新锐智造天使基金', 'own', 2000, null],
      ['盛京合作基金', 'partner', 12_000, '盛京资本'],
    ]);
    const body = JSON.stringify(page);
    for (const secret of ['气动锁紧快换方案', '钢珠锁紧', '陈晨（创客）', '综合评分第一', '尚未发布的草稿任务', '已停用的基金', ...users.map((u) => u.id)]) expect(body).not.toContain(secret);
    // Another space's page shows none of them.
    const cg = await ok(anon, `/api/portal/spaces/${ids.cg}`);
    expect([cg.crowdTasks, cg.funds]).toEqual([[], []]);
  });
});

const SITE = {
  intro: '面向工业机器人与智能制造领域的专业化众创空间，提供样机开发、测试验证与产业对接服务。',
  nameEn: 'Shenyang Intelligent Robotics Maker Space',
  introEn: 'A professional maker space for industrial robotics and smart manufacturing.',
  address: '沈阳市浑南区创新路 88 号',
  contactPhone: '024-23456789',
  contactEmail: 'service@robot-space.example.cn',
  website: 'https://robot-space.example.cn',
  successCases: [{ title: '协作机器人进入汽车产线', content: '入驻团队的协作机器人已在三家汽车零部件企业产线批量应用。', titleEn: 'Cobots on car lines', contentEn: 'Cobots of a resident team run on three car-part lines.' }],
  international: { partners: [{ name: 'Fraunhofer IPA', country: '德国', since: '2023' }], overseasTeams: [{ name: 'RoboNest', country: '韩国' }], languages: ['中文', 'English', '한국어'], note: '与德国机构共建联合实验室。' },
};

describe('the operator’s editor of the public-site fields', () => {
  it('saves at the revision read, refuses a stale save (409) and audits; the page shows the fields', async () => {
    const fresh = await ok(robotAdmin, `/api/spacesite/${ids.robot}`);
    expect(fresh).toMatchObject({ revision: 0, successCases: null, filedSuccessCases: CASES });
    const saved = await robotAdmin.put(`/api/spacesite/${ids.robot}`, { ...SITE, revision: 0 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ revision: 1, nameEn: SITE.nameEn });
    // A second editor who read revision 0 (first save) or 1 (later save) after the first's save.
    expect((await robotAdmin.put(`/api/spacesite/${ids.robot}`, { ...SITE, intro: '过期的修改', revision: 0 })).statusCode).toBe(409);
    const second = await robotAdmin.put(`/api/spacesite/${ids.robot}`, { ...SITE, intro: `${SITE.intro}（更新）`, revision: 1 });
    expect(second.statusCode).toBe(200);
    const stale = await robotAdmin.put(`/api/spacesite/${ids.robot}`, { ...SITE, intro: '过期的修改', revision: 1 });
    expect(stale.statusCode).toBe(409);
    expect((await ok(robotAdmin, `/api/spacesite/${ids.robot}`)).intro).toBe(`${SITE.intro}（更新）`);
    const rows = await t.ctx.database.query<{ detail: Json }>(`select detail from audit_log where action = 'spacesite.save' and object_id = $1 order by id`, [ids.robot]);
    expect(rows.map((r) => r.detail.revision)).toEqual([1, 2]);
    expect(rows[1]!.detail.changed).toEqual(['intro']);
    const page = await ok(anon, `/api/portal/spaces/${ids.robot}`);
    expect(page).toMatchObject({ nameEn: SITE.nameEn, introEn: SITE.introEn, successCasesFrom: 'site', contact: { phone: '024-23456789', email: SITE.contactEmail }, international: SITE.international });
    // The only address on the page is the space's public mailbox; no mobile number.
    const body = JSON.stringify(page);
    expect(body.match(EMAIL)).toEqual([SITE.contactEmail]);
    expect(mobilesIn(body)).toEqual([]);
    // The English name is found by the directory's keyword.
    expect((await ok(anon, `/api/portal/spaces?q=Robotics`)).items.map((s: Json) => s.id)).toEqual([ids.robot]);
  });

  it('refuses a personal mobile as the public contact, naming the field', async () => {
    const r = await robotAdmin.put(`/api/spacesite/${ids.robot}`, { ...SITE, contactPhone: '13812345678', revision: 2 });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields.map((f: Json) => f.field)).toEqual(['body.contactPhone']);
    expect(r.json().error.fields[0].message).toContain('个人手机号');
  });

  it('refuses outsiders and changes nothing', async () => {
    const before = await t.ctx.database.query(`select * from space_sites order by space_id`);
    const auditBefore = await t.ctx.database.query(`select count(*)::int as n from audit_log where action = 'spacesite.save'`);
    // Another operator's admin: not found; the space's staff: may read, not edit; an authority and the anonymous: refused.
    expect((await cgAdmin.get(`/api/spacesite/${ids.robot}`)).statusCode).toBe(404);
    expect((await cgAdmin.put(`/api/spacesite/${ids.robot}`, { ...SITE, revision: 2 })).statusCode).toBe(404);
    expect((await robotStaff.get(`/api/spacesite/${ids.robot}`)).statusCode).toBe(200);
    expect((await robotStaff.put(`/api/spacesite/${ids.robot}`, { ...SITE, revision: 2 })).statusCode).toBe(403);
    expect((await lnAdmin.get(`/api/spacesite/${ids.robot}`)).statusCode).toBe(403);
    expect((await lnAdmin.put(`/api/spacesite/${ids.robot}`, { ...SITE, revision: 2 })).statusCode).toBe(403);
    expect([401, 403]).toContain((await anon.put(`/api/spacesite/${ids.robot}`, { ...SITE, revision: 2 })).statusCode);
    expect(await t.ctx.database.query(`select * from space_sites order by space_id`)).toEqual(before);
    expect(await t.ctx.database.query(`select count(*)::int as n from audit_log where action = 'spacesite.save'`)).toEqual(auditBefore);
  });
});

describe('machine-readable exports', () => {
  it('exports the directory as CSV with a BOM and as JSON, under the same filters', async () => {
    const csv = await anon.get('/api/portal/spaces/export?format=csv');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('"名称"');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('国家级、省级');
    const json = await anon.get(`/api/portal/spaces/export?format=json&region=410000`);
    expect(json.statusCode).toBe(200);
    expect(JSON.parse(json.body).items.map((s: Json) => s.id)).toEqual([ids.cg]);
    expect((await anon.get('/api/portal/spaces/export?format=xml')).statusCode).toBe(400);
  });

  it('exports a published filing list as CSV and JSON', async () => {
    const csv = await anon.get(`/api/portal/filing-lists/${listId}/export?format=csv`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.body).toContain('沈阳智能机器人专业化众创空间');
    expect(csv.body).toContain('测科〔2026〕8号');
    const json = JSON.parse((await anon.get(`/api/portal/filing-lists/${listId}/export?format=json`)).body);
    expect(json.entries.map((e: Json) => e.spaceName)).toEqual(['沈阳智能机器人专业化众创空间']);
    expect((await anon.get('/api/portal/filing-lists/00000000-0000-4000-8000-000000000000/export?format=csv')).statusCode).toBe(404);
  });
});
