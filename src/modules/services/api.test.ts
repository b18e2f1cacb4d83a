import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Agent } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { fileSpace } from '../../../test/helpers/filed.ts';
import { fileUpload, SAMPLE } from '../../../test/helpers/multipart.ts';
import { auditLog } from '../audit/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { serviceOrderEvents, serviceOrders, spaceServices } from './schema.ts';
import { serviceFigures } from './service.ts';

let t: TestApp;
let operator: Agent;
let staff: Agent;
let otherOperator: Agent;
let maker: Agent;
let city: Agent;
let robot: string;
let park: string;
/** An applicant's space, not filed: its catalogue stays out of the platform-wide search. */
let workshop: string;

const serviceBody = (over: Record<string, unknown> = {}) => ({
  name: '工业外观设计',
  kind: 'industrial_design',
  description: '产品外观与结构设计，含三维建模与效果图。',
  priceBasis: 'fixed',
  priceFen: 800_000,
  leadDays: 14,
  active: true,
  ...over,
});

/** Everything the services tables hold, to show a refused request changed nothing. */
async function snapshot() {
  const db = t.ctx.db;
  return {
    services: await db.select().from(spaceServices).orderBy(spaceServices.id),
    orders: await db.select().from(serviceOrders).orderBy(serviceOrders.id),
    events: (await db.select().from(serviceOrderEvents)).length,
  };
}

const fieldsOf = (res: { json: () => { error?: { fields?: { field: string }[] } } }) => (res.json().error?.fields ?? []).map((f) => f.field);

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  const spaceId = async (name: string) => (await t.ctx.db.select().from(spaces).where(eq(spaces.name, name)))[0]!.id;
  robot = await spaceId('沈阳智能机器人专业化众创空间');
  park = await spaceId('金陵理工生物医药专业化众创空间');
  workshop = await spaceId('长葛创新工场众创空间');
  // The search lists filed spaces only: the robot space and 金陵 are filed, 长葛创新工场 is not.
  await fileSpace(t, robot);
  await fileSpace(t, park, 'national');
  [operator, staff, otherOperator, maker, city] = (await Promise.all(['op_robot_admin', 'op_robot_staff', 'op_univ_admin', 'maker_chen', 'sy_admin'].map((u) => signIn(t.app, u)))) as [Agent, Agent, Agent, Agent, Agent];
});
afterAll(() => t.close());

describe('the catalogue', () => {
  it('refuses bad input naming each field', async () => {
    const bad = await operator.post(`/api/services/spaces/${robot}/catalogue`, serviceBody({ name: '', kind: 'haircut', leadDays: -1, priceBasis: 'barter' }));
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['body.name', 'body.kind', 'body.leadDays', 'body.priceBasis']));
    const noPrice = await operator.post(`/api/services/spaces/${robot}/catalogue`, serviceBody({ priceFen: null }));
    expect(noPrice.statusCode).toBe(400);
    expect(fieldsOf(noPrice)).toEqual(['body.priceFen']);
    const pricedQuote = await operator.post(`/api/services/spaces/${robot}/catalogue`, serviceBody({ priceBasis: 'quote' }));
    expect(fieldsOf(pricedQuote)).toEqual(['body.priceFen']);
    const unknown = await operator.post(`/api/services/spaces/${robot}/catalogue`, { ...serviceBody(), colour: 'red' });
    expect(unknown.statusCode).toBe(400);
  });

  it('lets the operator list, add and edit its services, audited', async () => {
    const created = await operator.post(`/api/services/spaces/${robot}/catalogue`, serviceBody());
    expect(created.statusCode, created.body).toBe(201);
    const s = created.json();
    expect(s).toMatchObject({ spaceId: robot, kind: 'industrial_design', priceFen: 800_000, canEdit: true, revision: 1 });
    const edited = await staff.put(`/api/services/catalogue/${s.id}`, { ...serviceBody({ leadDays: 10 }), revision: 1 });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().leadDays).toBe(10);
    const stale = await operator.put(`/api/services/catalogue/${s.id}`, { ...serviceBody(), revision: 1 });
    expect(stale.statusCode).toBe(409);
    const list = (await operator.get(`/api/services/catalogue?spaceId=${robot}&kind=industrial_design`)).json();
    expect(list.items.map((x: { id: string }) => x.id)).toContain(s.id);
    const audits = await t.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, s.id));
    expect(audits.map((a) => a.action).sort()).toEqual(['service.create', 'service.edit']);
  });

  it('keeps another operator, an authority and a maker out, changing nothing', async () => {
    const s = (await operator.post(`/api/services/spaces/${robot}/catalogue`, serviceBody({ name: '样品检测', kind: 'testing', priceBasis: 'quote', priceFen: null }))).json();
    const before = await snapshot();
    expect((await otherOperator.post(`/api/services/spaces/${robot}/catalogue`, serviceBody())).statusCode).toBe(404);
    expect((await otherOperator.put(`/api/services/catalogue/${s.id}`, { ...serviceBody(), revision: 1 })).statusCode).toBe(404);
    expect((await otherOperator.get(`/api/services/catalogue?spaceId=${robot}`)).json().total).toBe(0);
    for (const a of [city, maker]) {
      expect((await a.post(`/api/services/spaces/${robot}/catalogue`, serviceBody())).statusCode).toBe(403);
      expect((await a.put(`/api/services/catalogue/${s.id}`, { ...serviceBody(), revision: 1 })).statusCode).toBe(403);
      expect((await a.get('/api/services/catalogue')).statusCode).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('the platform-wide search', () => {
  it('finds active services of filed spaces by region path, kind and keyword, paged; inactive ones and unfiled spaces are hidden', async () => {
    await otherOperator.post(`/api/services/spaces/${park}/catalogue`, serviceBody({ name: '药物检验检测', kind: 'testing', priceBasis: 'quote', priceFen: null }));
    const workshopAdmin = await signIn(t.app, 'op_cg_admin');
    const unfiled = await workshopAdmin.post(`/api/services/spaces/${workshop}/catalogue`, serviceBody({ name: '超硬材料检验检测', kind: 'testing', priceBasis: 'quote', priceFen: null }));
    expect(unfiled.statusCode, unfiled.body).toBe(201);
    const hidden = (await operator.post(`/api/services/spaces/${robot}/catalogue`, serviceBody({ name: '已下架的模型加工', kind: 'model_making', active: false }))).json();
    const liaoning = (await maker.get('/api/services/search?regionPath=000000/210000&kind=testing')).json();
    expect(liaoning.items.map((s: { spaceName: string }) => s.spaceName)).toEqual(['沈阳智能机器人专业化众创空间']);
    const jiangsu = (await maker.get('/api/services/search?regionPath=000000/320000')).json();
    expect(jiangsu.items.map((s: { name: string }) => s.name)).toEqual(['药物检验检测']);
    const keyword = (await maker.get(`/api/services/search?q=${encodeURIComponent('外观')}`)).json();
    expect(keyword.items.length).toBeGreaterThan(0);
    expect(keyword.items.every((s: { name: string; description: string; canOrder: boolean }) => (s.name + s.description).includes('外观') && s.canOrder)).toBe(true);
    // The field: the space's key industry (the robot space: 高端装备制造; 金陵: 生物技术).
    const equipment = (await maker.get('/api/services/search?industry=advanced_equipment&pageSize=100')).json();
    expect(equipment.total).toBeGreaterThan(0);
    expect(equipment.items.every((s: { spaceName: string }) => s.spaceName === '沈阳智能机器人专业化众创空间')).toBe(true);
    const bio = (await maker.get('/api/services/search?industry=biotechnology&pageSize=100')).json();
    expect(bio.items.map((s: { name: string }) => s.name)).toEqual(['药物检验检测']);
    const badField = await maker.get('/api/services/search?industry=robots');
    expect(badField.statusCode).toBe(400);
    expect(badField.body).toContain('industry');
    const paged = (await maker.get('/api/services/search?pageSize=1&sort=name&order=desc')).json();
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBeGreaterThanOrEqual(3);
    const all = (await maker.get('/api/services/search?pageSize=100')).json();
    expect(all.items.map((s: { id: string }) => s.id)).not.toContain(hidden.id);
    expect(all.items.map((s: { id: string }) => s.id)).not.toContain(unfiled.json().id);
    expect((await maker.get(`/api/services/search?q=${encodeURIComponent('超硬材料')}`)).json().total).toBe(0);
  });

  it('refuses a malformed region path naming the field, and roles without a use for it', async () => {
    const bad = await maker.get('/api/services/search?regionPath=21');
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['querystring.regionPath']);
    expect((await city.get('/api/services/search')).statusCode).toBe(403);
  });
});

describe('an order from request to rating', () => {
  it('goes requested → quoted → accepted → delivered → rated through both sides, with files, audit and income', async () => {
    const service = (await operator.post(`/api/services/spaces/${robot}/catalogue`, serviceBody({ name: '协作机器人夹具设计', priceFen: 1_200_000 }))).json();
    const badRequest = await maker.post(`/api/services/catalogue/${service.id}/orders`, { note: '短' });
    expect(fieldsOf(badRequest)).toEqual(['body.note']);
    const requested = await maker.post(`/api/services/catalogue/${service.id}/orders`, { note: '需要为六轴协作机器人设计一套气动夹具。' });
    expect(requested.statusCode, requested.body).toBe(201);
    let order = requested.json();
    expect(order).toMatchObject({ state: 'requested', side: 'requester', actions: ['cancel'] });

    const queue = (await operator.get(`/api/services/orders/queue?state=requested&spaceId=${robot}`)).json();
    expect(queue.items.map((o: { id: string }) => o.id)).toContain(order.id);
    expect(queue.stateCounts.requested).toBeGreaterThanOrEqual(1);
    expect(queue.items.find((o: { id: string }) => o.id === order.id).actions.sort()).toEqual(['decline', 'quote']);

    // The maker cannot quote, the operator cannot accept.
    expect((await maker.post(`/api/services/orders/${order.id}/quote`, { amountFen: 1, dueOn: '2099-01-01', revision: order.revision })).statusCode).toBe(403);
    expect((await operator.post(`/api/services/orders/${order.id}/accept`, { revision: order.revision })).statusCode).toBe(403);
    // Accepting before a quote is a state conflict.
    expect((await maker.post(`/api/services/orders/${order.id}/accept`, { revision: order.revision })).statusCode).toBe(409);

    const pastDue = await operator.post(`/api/services/orders/${order.id}/quote`, { amountFen: 1_200_000, dueOn: '2020-01-01', revision: order.revision });
    expect(fieldsOf(pastDue)).toEqual(['body.dueOn']);
    const negative = await operator.post(`/api/services/orders/${order.id}/quote`, { amountFen: -5, dueOn: 'soon', revision: order.revision });
    expect(fieldsOf(negative).sort()).toEqual(['body.amountFen', 'body.dueOn']);
    order = (await operator.post(`/api/services/orders/${order.id}/quote`, { amountFen: 1_150_000, dueOn: '2099-06-30', note: '含两轮修改', revision: order.revision })).json();
    expect(order).toMatchObject({ state: 'quoted', quotedFen: 1_150_000, dueOn: '2099-06-30' });
    expect((await operator.post(`/api/services/orders/${order.id}/quote`, { amountFen: 1, dueOn: '2099-06-30', revision: order.revision })).statusCode).toBe(409);

    const stale = await maker.post(`/api/services/orders/${order.id}/accept`, { revision: order.revision - 1 });
    expect(stale.statusCode).toBe(409);
    order = (await maker.post(`/api/services/orders/${order.id}/accept`, { revision: order.revision })).json();
    expect(order.state).toBe('accepted');
    expect((await maker.post(`/api/services/orders/${order.id}/cancel`, { reason: '不想要了', revision: order.revision })).statusCode).toBe(409);

    const empty = await operator.post(`/api/services/orders/${order.id}/deliver`, { fileIds: [], revision: order.revision });
    expect(fieldsOf(empty)).toEqual(['body.fileIds']);
    const theirs = fileUpload('别家的文件.pdf', SAMPLE.pdf);
    const theirFile = (await otherOperator.post('/api/files', theirs.payload, { headers: theirs.headers })).json();
    const notOurs = await operator.post(`/api/services/orders/${order.id}/deliver`, { fileIds: [theirFile.id], revision: order.revision });
    expect(notOurs.statusCode).toBe(404);
    expect(fieldsOf(notOurs)).toEqual(['body.fileIds']);
    const upload = fileUpload('夹具设计图纸.pdf', SAMPLE.pdf);
    const file = (await operator.post('/api/files', upload.payload, { headers: upload.headers })).json();
    order = (await operator.post(`/api/services/orders/${order.id}/deliver`, { fileIds: [file.id], note: '图纸与三维模型见附件', revision: order.revision })).json();
    expect(order).toMatchObject({ state: 'delivered', deliveryFileCount: 1 });
    // The requester reads the delivered file through the order (the file's owner rule alone would hide it).
    expect((await maker.get(`/api/files/${file.id}`)).statusCode).toBe(404);
    const download = await maker.get(`/api/services/orders/${order.id}/files/${file.id}/download`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    expect((await otherOperator.get(`/api/services/orders/${order.id}/files/${file.id}/download`)).statusCode).toBe(404);

    const badRating = await maker.post(`/api/services/orders/${order.id}/rate`, { rating: 6, revision: order.revision });
    expect(fieldsOf(badRating)).toEqual(['body.rating']);
    order = (await maker.post(`/api/services/orders/${order.id}/rate`, { rating: 5, comment: '设计专业，交付及时', revision: order.revision })).json();
    expect(order).toMatchObject({ state: 'rated', rating: 5, actions: [] });

    const detail = (await operator.get(`/api/services/orders/${order.id}`)).json();
    expect(detail.timeline.map((e: { toState: string }) => e.toState)).toEqual(['requested', 'quoted', 'accepted', 'delivered', 'rated']);
    expect(detail.files.map((f: { originalName: string }) => f.originalName)).toEqual(['夹具设计图纸.pdf']);
    const audits = await t.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, order.id));
    expect(audits.map((a) => a.action).sort()).toEqual(['service_order.accept', 'service_order.deliver', 'service_order.quote', 'service_order.rate', 'service_order.request'].sort());

    const mine = (await maker.get('/api/services/orders/mine?state=rated')).json();
    expect(mine.items.map((o: { id: string }) => o.id)).toContain(order.id);
    const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    const figures = await serviceFigures(t.ctx.db, [robot, park], year);
    expect(figures.get(robot)).toMatchObject({ ordersDelivered: 1, incomeFen: 1_150_000, ratedOrders: 1, averageRating: 5 });
    expect(figures.get(park)).toEqual({ ordersRequested: 0, ordersDelivered: 0, incomeFen: 0, ratedOrders: 0, averageRating: null });
    expect((await serviceFigures(t.ctx.db, [robot], year - 1)).get(robot)!.incomeFen).toBe(0);
  });

  it('ends declined or cancelled with a reason, and a free service is quoted at 0', async () => {
    const free = (await operator.post(`/api/services/spaces/${robot}/catalogue`, serviceBody({ name: '政策咨询', kind: 'supply_chain', priceBasis: 'free', priceFen: null }))).json();
    let a = (await maker.post(`/api/services/catalogue/${free.id}/orders`, { note: '咨询供应链对接政策' })).json();
    expect(fieldsOf(await operator.post(`/api/services/orders/${a.id}/quote`, { amountFen: 100, dueOn: '2099-01-01', revision: a.revision }))).toEqual(['body.amountFen']);
    a = (await operator.post(`/api/services/orders/${a.id}/quote`, { amountFen: 0, dueOn: '2099-01-01', revision: a.revision })).json();
    expect(fieldsOf(await maker.post(`/api/services/orders/${a.id}/cancel`, { reason: '', revision: a.revision }))).toEqual(['body.reason']);
    a = (await maker.post(`/api/services/orders/${a.id}/cancel`, { reason: '已自行解决', revision: a.revision })).json();
    expect(a).toMatchObject({ state: 'cancelled', closeReason: '已自行解决' });
    let b = (await maker.post(`/api/services/catalogue/${free.id}/orders`, { note: '第二次咨询供应链' })).json();
    b = (await operator.post(`/api/services/orders/${b.id}/decline`, { reason: '本月名额已满', revision: b.revision })).json();
    expect(b.state).toBe('declined');
    expect((await maker.post(`/api/services/orders/${b.id}/rate`, { rating: 1, revision: b.revision })).statusCode).toBe(409);
  });
});

describe('orders are out of everyone else’s reach', () => {
  it('answers 404 to another space’s operator and 403 to roles without orders, per endpoint, changing nothing', async () => {
    const s = (await operator.post(`/api/services/spaces/${robot}/catalogue`, serviceBody({ name: '专利布局咨询', kind: 'patent_standard' }))).json();
    const o = (await maker.post(`/api/services/catalogue/${s.id}/orders`, { note: '需要专利布局咨询' })).json();
    const before = await snapshot();
    const moves: [string, Record<string, unknown>][] = [
      ['quote', { amountFen: 1, dueOn: '2099-01-01' }],
      ['decline', { reason: '测试理由' }],
      ['deliver', { fileIds: [], note: '测试交付' }],
    ];
    for (const [action, body] of moves) expect((await otherOperator.post(`/api/services/orders/${o.id}/${action}`, { ...body, revision: o.revision })).statusCode).toBe(404);
    expect((await otherOperator.get(`/api/services/orders/${o.id}`)).statusCode).toBe(404);
    expect((await otherOperator.get('/api/services/orders/queue')).json().items.map((x: { id: string }) => x.id)).not.toContain(o.id);
    for (const a of [city]) {
      expect((await a.get(`/api/services/orders/${o.id}`)).statusCode).toBe(403);
      expect((await a.get('/api/services/orders/queue')).statusCode).toBe(403);
      expect((await a.get('/api/services/orders/mine')).statusCode).toBe(403);
      expect((await a.post(`/api/services/catalogue/${s.id}/orders`, { note: '主管部门不能预约' })).statusCode).toBe(403);
      for (const action of ['accept', 'rate', 'cancel']) expect((await a.post(`/api/services/orders/${o.id}/${action}`, { revision: o.revision, rating: 5, reason: '测试理由' })).statusCode).toBe(403);
      expect((await a.get(`/api/services/orders/${o.id}/files/${o.id}/download`)).statusCode).toBe(403);
    }
    // An operator orders nothing; a maker keeps no queue.
    expect((await operator.post(`/api/services/catalogue/${s.id}/orders`, { note: '运营机构不能预约' })).statusCode).toBe(403);
    expect((await maker.get('/api/services/orders/queue')).statusCode).toBe(403);
    expect((await otherOperator.get(`/api/services/orders/${o.id}/files/${o.id}/download`)).statusCode).toBe(404);
    expect((await maker.post(`/api/services/catalogue/00000000-0000-4000-8000-000000000000/orders`, { note: '不存在的服务预约' })).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});
