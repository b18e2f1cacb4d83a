import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { statementProbe } from '../src/db/client.ts';
import { signIn, type Agent } from './helpers/agent.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { fileSpace } from './helpers/filed.ts';
import { fileUpload, SAMPLE } from './helpers/multipart.ts';

/**
 * The authority's view of crowd tasks and of funds and financing (issue 16): figures of the filed
 * spaces under its region (沈阳's robot space, filed here, poses two challenges, one answered and one
 * closed, keeps two funds and records two investments), a fixed number of statements whatever the
 * jurisdiction's size, the Excel exports, and everyone else refused.
 */
let t: TestApp;
const as: Record<string, Agent> = {};
const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const ROBOT = '沈阳智能机器人专业化众创空间';
const PARK = '金陵理工生物医药专业化众创空间';

type Row = { spaceName: string } & Record<string, unknown>;
const rowOf = (items: Row[], name: string) => items.find((r) => r.spaceName === name);
const auditCount = async (action: string) => (await t.ctx.database.query<{ n: number }>(`select count(*)::int as n from audit_log where action = $1`, [action]))[0]!.n;
const created = async (res: Promise<{ statusCode: number; body: string; json: () => { id: string; revision: number } }>) => {
  const r = await res;
  expect(r.statusCode, r.body).toBeLessThan(300);
  return r.json();
};

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  const [robot] = await t.ctx.database.query<{ id: string }>('select id from spaces where name = $1', [ROBOT]);
  const [park] = await t.ctx.database.query<{ id: string }>('select id from spaces where name = $1', [PARK]);
  await fileSpace(t, robot!.id);
  await fileSpace(t, park!.id);
  for (const u of ['most_admin', 'ln_admin', 'sy_admin', 'dl_admin', 'js_admin', 'cg_admin', 'op_robot_admin', 'maker_chen', 'expert_li']) as[u] = await signIn(t.app, u);
  const op = as.op_robot_admin!;
  const [expert] = await t.ctx.database.query<{ id: string }>(`select id from users where username = 'expert_li'`);
  const challenge = (over: Record<string, unknown>) => ({
    description: '集团产线需要解决的技术难题，详细说明见任务附件与交付要求。',
    deliverables: '设计方案与测试报告',
    ipTerms: 'issuer',
    confidentiality: '集团提供的资料不得对外披露。',
    deadline: `${year + 1}-06-30`,
    panelUserIds: [expert!.id],
    ...over,
  });
  const a = await created(op.post(`/api/crowd/spaces/${robot!.id}/challenges`, challenge({ title: '协作机器人末端快换装置设计', field: 'advanced_equipment', rewardYuan: 50_000 })));
  await created(op.post(`/api/crowd/challenges/${a.id}/publish`, { revision: a.revision }));
  const b = await created(op.post(`/api/crowd/spaces/${robot!.id}/challenges`, challenge({ title: '焊接机器人焊缝视觉跟踪算法', field: 'electronic_information', rewardYuan: 80_000 })));
  const bOpen = await created(op.post(`/api/crowd/challenges/${b.id}/publish`, { revision: b.revision }));
  await created(op.post(`/api/crowd/challenges/${b.id}/close`, { reason: '需求调整，任务取消', revision: bOpen.revision }));
  // A draft is never counted.
  await created(op.post(`/api/crowd/spaces/${robot!.id}/challenges`, challenge({ title: '未发布的任务草稿', field: 'new_materials', rewardYuan: 1_000_000 })));
  const u = fileUpload('方案.pdf', SAMPLE.pdf);
  const file = (await as.maker_chen!.post('/api/files', u.payload, { headers: u.headers })).json().id;
  await created(as.maker_chen!.post(`/api/crowd/challenges/${a.id}/solutions`, { title: '钢珠锁紧气动快换方案', summary: '钢珠锁紧与气动释放结构，换装 6 秒。', fileIds: [file] }));

  await created(op.post(`/api/financing/spaces/${robot!.id}/funds`, { name: '新锐智造天使基金', kind: 'own', sizeWan: 2000, manager: '沈阳新锐创业投资管理有限公司', since: '2022-05-01', active: true }));
  const fund = await created(op.post(`/api/financing/spaces/${robot!.id}/funds`, { name: '辽宁科技创新合作基金', kind: 'partner', partner: '辽宁省科技创新投资集团', sizeWan: 10000, manager: '辽宁省科技创新投资集团', since: '2020-01-01', active: true }));
  const investor = await created(op.post('/api/financing/investors', { name: '盛京天使投资合伙企业', type: 'organisation', fields: ['advanced_equipment'] }));
  const team = await created(
    op.post(`/api/roster/spaces/${robot!.id}/incubatees`, { kind: 'team', name: '灵犀协作机器人团队', entryDate: '2024-03-15', industry: 'advanced_equipment', founderTypes: ['researcher'], jobs: 0, graduatesHired: 0, validIp: 1, inventionPatents: 0, newlyRegistered: false }),
  );
  const angel = await created(op.post(`/api/financing/spaces/${robot!.id}/requests`, { incubateeId: team.id, amountWan: 300, round: 'angel', purpose: '样机量产与市场推广' }));
  await created(op.post(`/api/financing/spaces/${robot!.id}/requests`, { incubateeId: team.id, amountWan: 800, round: 'pre_a', purpose: '扩建装配线' }));
  await created(op.post(`/api/financing/requests/${angel.id}/investments`, { investedOn: today, amountWan: 200, type: 'equity', investorId: investor.id }));
  await created(op.post(`/api/financing/requests/${angel.id}/investments`, { investedOn: today, amountWan: 50, type: 'debt', fundId: fund.id }));
}, 300_000);
afterAll(() => t.close());

describe('crowd tasks of the jurisdiction', () => {
  it('count the year’s challenges, rewards and solutions per filed space, by state and field, drafts left out', async () => {
    const res = await as.ln_admin!.get(`/api/crowd/jurisdiction?year=${year}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.items).toEqual([expect.objectContaining({ spaceName: ROBOT, regionName: expect.any(String), challenges: 2, open: 1, judging: 0, awardedState: 0, closed: 1, offeredYuan: 130_000, solutions: 1, awards: 0, awardedYuan: 0 })]);
    expect(page.totals).toEqual({ spaces: 1, active: 1, challenges: 2, solutions: 1, awards: 0, offeredYuan: 130_000, awardedYuan: 0 });
    expect(page.byState).toEqual([
      { state: 'open', challenges: 1, offeredYuan: 50_000 },
      { state: 'closed', challenges: 1, offeredYuan: 80_000 },
    ]);
    expect(page.byField).toHaveLength(2);
    expect(page.byField).toEqual(expect.arrayContaining([
      { field: 'electronic_information', challenges: 1, offeredYuan: 80_000 },
      { field: 'advanced_equipment', challenges: 1, offeredYuan: 50_000 },
    ]));
    // Another year has nothing; the spaces are still listed.
    const before = (await as.ln_admin!.get(`/api/crowd/jurisdiction?year=${year - 5}`)).json();
    expect(before.totals).toMatchObject({ spaces: 1, challenges: 0, solutions: 0 });
  });

  it('sorts and pages, and drills to the challenges with their public pages', async () => {
    const top = (await as.most_admin!.get(`/api/crowd/jurisdiction?year=${year}&sort=offered&order=desc&pageSize=1`)).json();
    expect(top).toMatchObject({ total: 2, items: [{ spaceName: ROBOT }] });
    const second = (await as.most_admin!.get(`/api/crowd/jurisdiction?year=${year}&sort=offered&order=desc&pageSize=1&page=2`)).json();
    expect(second.items).toEqual([expect.objectContaining({ spaceName: PARK, challenges: 0 })]);
    const list = (await as.ln_admin!.get(`/api/crowd/jurisdiction/challenges?year=${year}&spaceId=${top.items[0].spaceId}`)).json();
    expect(list.total).toBe(2);
    const open = list.items.find((c: { state: string }) => c.state === 'open');
    expect(open).toMatchObject({ solutions: 1, awardedYuan: null, spaceName: ROBOT, rewardYuan: 50_000 });
    expect((await t.app.inject({ method: 'GET', url: `/api/portal/crowd/challenges/${open.id}` })).statusCode).toBe(200);
  });

  it('is scoped to the region subtree', async () => {
    const names = async (who: string) => ((await as[who]!.get(`/api/crowd/jurisdiction?year=${year}`)).json().items as Row[]).map((r) => r.spaceName);
    expect(await names('sy_admin')).toEqual([ROBOT]);
    expect(await names('dl_admin')).toEqual([]);
    expect(await names('js_admin')).toEqual([PARK]);
    expect(await names('cg_admin')).toEqual([]);
    expect((await as.js_admin!.get(`/api/crowd/jurisdiction/challenges?year=${year}`)).json().total).toBe(0);
  });

  it('refuses bad queries naming the field', async () => {
    for (const [url, field] of [
      ['/api/crowd/jurisdiction?year=abc', 'year'],
      ['/api/crowd/jurisdiction?year=1999', 'year'],
      ['/api/crowd/jurisdiction?sort=reward', 'sort'],
      ['/api/crowd/jurisdiction?pageSize=0', 'pageSize'],
      ['/api/crowd/jurisdiction/challenges?spaceId=x', 'spaceId'],
      ['/api/crowd/jurisdiction.xlsx?year=x', 'year'],
    ] as const) {
      const res = await as.ln_admin!.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.body, url).toContain(field);
    }
  });
});

describe('funds and financing of the jurisdiction', () => {
  it('sum funds (万元), the year’s requests and investments per space, flagging spaces without a financing service', async () => {
    const res = await as.most_admin!.get(`/api/financing/jurisdiction?year=${year}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(rowOf(page.items, ROBOT)).toMatchObject({ funds: 2, fundSizeWan: 12_000, ownFundSizeWan: 2000, requests: 2, open: 1, funded: 1, withdrawn: 0, requestedWan: 1100, investments: 2, investedWan: 250, noService: false });
    expect(rowOf(page.items, PARK)).toMatchObject({ funds: 0, requests: 0, investments: 0, noService: true });
    expect(page.totals).toEqual({ spaces: 2, noService: 1, funds: 2, fundSizeWan: 12_000, requests: 2, requestedWan: 1100, investments: 2, investedWan: 250 });
    expect(page.byState).toEqual([
      { state: 'open', requests: 1, requestedWan: 800 },
      { state: 'funded', requests: 1, requestedWan: 300 },
    ]);
    expect(page.byRound).toEqual([
      { round: 'angel', requests: 1, requestedWan: 300 },
      { round: 'pre_a', requests: 1, requestedWan: 800 },
    ]);
    const flagged = (await as.most_admin!.get(`/api/financing/jurisdiction?year=${year}&noServiceOnly=true`)).json();
    expect(flagged).toMatchObject({ total: 1, items: [{ spaceName: PARK, noService: true }] });
    // Funds stand whatever the year; requests and investments are the year's.
    const past = (await as.ln_admin!.get(`/api/financing/jurisdiction?year=${year - 5}`)).json();
    expect(past.items).toEqual([expect.objectContaining({ spaceName: ROBOT, funds: 2, requests: 0, investments: 0, noService: false })]);
  });

  it('is scoped to the region subtree: a county sees only its own spaces', async () => {
    const names = async (who: string) => ((await as[who]!.get(`/api/financing/jurisdiction?year=${year}`)).json().items as Row[]).map((r) => r.spaceName);
    expect(await names('sy_admin')).toEqual([ROBOT]);
    expect(await names('js_admin')).toEqual([PARK]);
    expect(await names('cg_admin')).toEqual([]);
  });

  it('refuses bad queries naming the field', async () => {
    for (const [q, field] of [['year=20x', 'year'], ['noServiceOnly=yes', 'noServiceOnly'], ['sort=size', 'sort'], ['order=up', 'order']] as const) {
      const res = await as.ln_admin!.get(`/api/financing/jurisdiction?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.body, q).toContain(field);
    }
  });
});

describe('both views', () => {
  it('run a fixed number of statements whatever the jurisdiction’s size', async () => {
    for (const url of [`/api/crowd/jurisdiction?year=${year}`, `/api/financing/jurisdiction?year=${year}`, `/api/crowd/jurisdiction/challenges?year=${year}`]) {
      const counts = [];
      for (const who of ['cg_admin', 'sy_admin', 'most_admin']) {
        await as[who]!.get(url);
        const { result, statements } = await statementProbe.count(() => as[who]!.get(url));
        expect(result.statusCode).toBe(200);
        counts.push(statements);
      }
      expect(new Set(counts).size, url).toBe(1);
    }
  });

  it('export to Excel with an audit row', async () => {
    for (const [url, action, sheets] of [
      [`/api/crowd/jurisdiction.xlsx?year=${year}`, 'crowd.jurisdiction.export', ['各空间众包任务', '按状态', '按技术领域']],
      [`/api/financing/jurisdiction.xlsx?year=${year}`, 'financing.jurisdiction.export', ['各空间基金与投融资', '融资需求按状态', '融资需求按轮次']],
    ] as const) {
      const res = await as.ln_admin!.get(url);
      expect(res.statusCode, res.body).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      expect(book.worksheets.map((s) => s.name)).toEqual(sheets);
      expect(book.worksheets[0]!.getCell('A2').value).toBe(ROBOT);
      expect(await auditCount(action)).toBe(1);
    }
  });

  it('refuse operators, makers and experts, changing nothing', async () => {
    const before = [await auditCount('crowd.jurisdiction.export'), await auditCount('financing.jurisdiction.export')];
    for (const who of ['op_robot_admin', 'maker_chen', 'expert_li']) {
      for (const url of ['/api/crowd/jurisdiction', '/api/crowd/jurisdiction/challenges', '/api/crowd/jurisdiction.xlsx', '/api/financing/jurisdiction', '/api/financing/jurisdiction.xlsx']) {
        expect((await as[who]!.get(url)).statusCode, `${who} ${url}`).toBe(403);
      }
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/crowd/jurisdiction' })).statusCode).toBe(401);
    expect([await auditCount('crowd.jurisdiction.export'), await auditCount('financing.jurisdiction.export')]).toEqual(before);
  });
});
