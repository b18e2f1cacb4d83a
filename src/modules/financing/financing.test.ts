import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { auditLog } from '../audit/schema.ts';
import { CATALOGUE_2026 } from '../returns/catalogue-2026.ts';
import { periodOf } from '../returns/cadences.ts';
import { platformFigures } from '../returns/prefill.ts';
import { incubateeFinancings } from '../roster/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { financingInvestments, financingRequests, investors, spaceFunds } from './schema.ts';
import { financingFigures } from './service.ts';

let t: TestApp;
let operator: Agent;
let staff: Agent;
let otherOperator: Agent;
let maker: Agent;
let city: Agent;
let robot: string;
let park: string;
let team: string;

const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const fundBody = (over: Record<string, unknown> = {}) => ({ name: '新锐智造天使基金', kind: 'own', sizeWan: 2000, manager: '沈阳新锐创业投资管理有限公司', since: '2022-05-01', active: true, ...over });

async function snapshot() {
  const db = t.ctx.db;
  return {
    funds: await db.select().from(spaceFunds).orderBy(spaceFunds.id),
    investors: (await db.select().from(investors)).length,
    requests: await db.select().from(financingRequests).orderBy(financingRequests.id),
    investments: (await db.select().from(financingInvestments)).length,
    rounds: (await db.select().from(incubateeFinancings)).length,
  };
}

const fieldsOf = (res: { json: () => { error?: { fields?: { field: string }[] } } }) => (res.json().error?.fields ?? []).map((f) => f.field);

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  const spaceId = async (name: string) => (await t.ctx.db.select().from(spaces).where(eq(spaces.name, name)))[0]!.id;
  robot = await spaceId('沈阳智能机器人专业化众创空间');
  park = await spaceId('金陵理工生物医药专业化众创空间');
  [operator, staff, otherOperator, maker, city] = (await Promise.all(['op_robot_admin', 'op_robot_staff', 'op_univ_admin', 'maker_chen', 'sy_admin'].map((u) => signIn(t.app, u)))) as [Agent, Agent, Agent, Agent, Agent];
  const created = await operator.post(`/api/roster/spaces/${robot}/incubatees`, {
    kind: 'team',
    name: '灵犀协作机器人团队',
    entryDate: '2024-03-15',
    industry: 'advanced_equipment',
    founderTypes: ['researcher'],
    jobs: 0,
    graduatesHired: 0,
    validIp: 1,
    inventionPatents: 0,
    newlyRegistered: false,
  });
  expect(created.statusCode, created.body).toBe(201);
  team = created.json().id;
});
afterAll(() => t.close());

describe('funds', () => {
  it('are kept by the space’s operator, in 万元, audited; bad input names the field', async () => {
    const bad = await operator.post(`/api/financing/spaces/${robot}/funds`, fundBody({ name: '', kind: 'bank', sizeWan: -5, since: 'x' }));
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['body.name', 'body.kind', 'body.sizeWan', 'body.since']));
    expect(fieldsOf(await operator.post(`/api/financing/spaces/${robot}/funds`, fundBody({ kind: 'partner' })))).toEqual(['body.partner']);
    expect(fieldsOf(await operator.post(`/api/financing/spaces/${robot}/funds`, fundBody({ sizeWan: 1.234 })))).toEqual(['body.sizeWan']);
    const created = await operator.post(`/api/financing/spaces/${robot}/funds`, fundBody());
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ sizeWan: 2000, kind: 'own', revision: 1 });
    const partner = (await staff.post(`/api/financing/spaces/${robot}/funds`, fundBody({ name: '辽宁科技创新合作基金', kind: 'partner', partner: '辽宁省科技创新投资集团', sizeWan: 10000.5 }))).json();
    const edited = await staff.put(`/api/financing/funds/${partner.id}`, { ...fundBody({ name: '辽宁科技创新合作基金', kind: 'partner', partner: '辽宁省科技创新投资集团', sizeWan: 12000 }), revision: 1 });
    expect(edited.json()).toMatchObject({ sizeWan: 12000, revision: 2 });
    expect((await operator.put(`/api/financing/funds/${partner.id}`, { ...fundBody(), revision: 1 })).statusCode).toBe(409);
    const list = (await operator.get(`/api/financing/funds?spaceId=${robot}&sort=size&order=desc`)).json();
    expect(list.items.map((f: { sizeWan: number }) => f.sizeWan)).toEqual([12000, 2000]);
    const temp = (await operator.post(`/api/financing/spaces/${robot}/funds`, fundBody({ name: '误登记的基金' }))).json();
    expect((await operator.delete(`/api/financing/funds/${temp.id}?revision=1`)).statusCode).toBe(204);
    const audits = await t.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, partner.id));
    expect(audits.map((a) => a.action).sort()).toEqual(['fund.create', 'fund.edit']);
  });
});

describe('a financing request', () => {
  let request: { id: string; revision: number };
  let angel: string;
  let fund: string;

  it('is raised for an incubatee of the space’s roster and matched with investors of its field', async () => {
    angel = (await operator.post('/api/financing/investors', { name: '盛京天使投资合伙企业', type: 'organisation', fields: ['advanced_equipment', 'electronic_information'], intro: '专注智能制造早期项目' })).json().id;
    await operator.post('/api/financing/investors', { name: '金陵生物医药创投', type: 'organisation', fields: ['biotechnology'] });
    expect(fieldsOf(await operator.post('/api/financing/investors', { name: '王', type: 'bank', fields: [] }))).toEqual(expect.arrayContaining(['body.name', 'body.type', 'body.fields']));
    expect(fieldsOf(await operator.post(`/api/financing/spaces/${robot}/requests`, { incubateeId: '00000000-0000-4000-8000-000000000000', amountWan: 300, round: 'angel', purpose: '样机量产与市场推广' }))).toEqual(['body.incubateeId']);
    const bad = await operator.post(`/api/financing/spaces/${robot}/requests`, { incubateeId: team, amountWan: 0, round: 'z', purpose: '' });
    expect(fieldsOf(bad).sort()).toEqual(['body.amountWan', 'body.purpose', 'body.round']);
    const raised = await operator.post(`/api/financing/spaces/${robot}/requests`, { incubateeId: team, amountWan: 300, round: 'angel', purpose: '样机量产与市场推广' });
    expect(raised.statusCode, raised.body).toBe(201);
    request = raised.json();
    expect(request).toMatchObject({ field: 'advanced_equipment', state: 'open', amountWan: 300, incubateeName: '灵犀协作机器人团队' });
    const matches = (await operator.get(`/api/financing/requests/${request.id}/matches`)).json();
    expect(matches.items.map((i: { name: string }) => i.name)).toEqual(['盛京天使投资合伙企业']);
    fund = (await operator.get(`/api/financing/funds?spaceId=${robot}&kind=own`)).json().items[0].id;
  });

  it('records investments that flow into the roster’s financing rounds and the figures', async () => {
    expect(fieldsOf(await operator.post(`/api/financing/requests/${request.id}/investments`, { investedOn: today, amountWan: 100, type: 'equity' }))).toEqual(['body.investorId']);
    expect(fieldsOf(await operator.post(`/api/financing/requests/${request.id}/investments`, { investedOn: '2023-01-01', amountWan: 100, type: 'equity', investorId: angel }))).toEqual(['body.investedOn']);
    expect(fieldsOf(await operator.post(`/api/financing/requests/${request.id}/investments`, { investedOn: today, amountWan: 100, type: 'shares', investorId: angel }))).toEqual(['body.type']);
    const first = await operator.post(`/api/financing/requests/${request.id}/investments`, { investedOn: today, amountWan: 200, type: 'equity', investorId: angel });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ state: 'funded', investedWan: 200 });
    const second = (await staff.post(`/api/financing/requests/${request.id}/investments`, { investedOn: today, amountWan: 50, type: 'debt', fundId: fund })).json();
    expect(second.investments.map((i: { investorName: string }) => i.investorName)).toEqual(['盛京天使投资合伙企业', '新锐智造天使基金']);
    const incubatee = (await operator.get(`/api/roster/incubatees/${team}`)).json();
    expect(incubatee.financings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ amountYuan: 2_000_000, investor: '盛京天使投资合伙企业', kind: 'social', receivedOn: today }),
        expect.objectContaining({ amountYuan: 500_000, investor: '新锐智造天使基金', kind: 'own' }),
      ]),
    );
    expect(second.investments.every((i: { rosterFinancingId: string | null }) => i.rosterFinancingId)).toBe(true);
    const figures = await financingFigures(t.ctx.db, year, [robot, park]);
    expect(figures.get(robot)).toEqual({
      funds: 2,
      fundSizeYuan: 140_000_000,
      ownFundSizeYuan: 20_000_000,
      requests: 1,
      requestedYuan: 3_000_000,
      investments: 2,
      investedIncubatees: 1,
      investedYuan: 2_500_000,
      equityYuan: 2_000_000,
      debtYuan: 500_000,
      ownFundInvestedYuan: 500_000,
    });
    expect(figures.get(park)?.investments).toBe(0);
    expect((await financingFigures(t.ctx.db, year)).get(robot)?.investedYuan).toBe(2_500_000);
    // …and the statistics return's 投融资 indicators are prefilled from the roster's rounds (元, the stored unit):
    // one incubatee invested in, 250 万 in all, 200 万 social and 50 万 from the space's own fund.
    const prefilled = (await platformFigures(t.ctx.db, CATALOGUE_2026, [robot], periodOf('annual', String(year))!)).get(robot);
    expect(prefilled).toMatchObject({ invested_count: 1, investment_total: 2_500_000, investment_social: 2_000_000, investment_own: 500_000, angel_fund_size: 140_000_000 });
    const audits = await t.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, team));
    expect(audits.filter((a) => a.action === 'roster.financing.add')).toHaveLength(2);
    expect((await operator.delete(`/api/financing/funds/${fund}?revision=1`)).statusCode).toBe(409);
  });

  it('keeps another operator, an authority and a maker out, changing nothing', async () => {
    const before = await snapshot();
    expect((await otherOperator.post(`/api/financing/spaces/${robot}/funds`, fundBody())).statusCode).toBe(404);
    expect((await otherOperator.put(`/api/financing/funds/${fund}`, { ...fundBody(), revision: 1 })).statusCode).toBe(404);
    expect((await otherOperator.delete(`/api/financing/funds/${fund}?revision=1`)).statusCode).toBe(404);
    expect((await otherOperator.post(`/api/financing/spaces/${robot}/requests`, { incubateeId: team, amountWan: 1, round: 'seed', purpose: '冒名登记的需求' })).statusCode).toBe(404);
    expect((await otherOperator.post(`/api/financing/spaces/${park}/requests`, { incubateeId: team, amountWan: 1, round: 'seed', purpose: '别家的在孵企业' })).statusCode).toBe(400);
    expect((await otherOperator.get(`/api/financing/requests/${request.id}`)).statusCode).toBe(404);
    expect((await otherOperator.get(`/api/financing/requests/${request.id}/matches`)).statusCode).toBe(404);
    expect((await otherOperator.post(`/api/financing/requests/${request.id}/investments`, { investedOn: today, amountWan: 1, type: 'equity', investorId: angel })).statusCode).toBe(404);
    expect((await otherOperator.post(`/api/financing/requests/${request.id}/withdraw`, { revision: 1 })).statusCode).toBe(404);
    expect((await otherOperator.get('/api/financing/funds')).json().total).toBe(0);
    expect((await otherOperator.get('/api/financing/requests')).json().total).toBe(0);
    for (const a of [city, maker]) {
      expect((await a.get('/api/financing/funds')).statusCode).toBe(403);
      expect((await a.post(`/api/financing/spaces/${robot}/funds`, fundBody())).statusCode).toBe(403);
      expect((await a.post('/api/financing/investors', { name: '冒名投资方', type: 'person', fields: ['new_energy'] })).statusCode).toBe(403);
      expect((await a.get(`/api/financing/requests/${request.id}`)).statusCode).toBe(403);
      expect((await a.post(`/api/financing/requests/${request.id}/investments`, { investedOn: today, amountWan: 1, type: 'equity', investorId: angel })).statusCode).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
  });
});
