import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Agent } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { multipart, SAMPLE } from '../../../test/helpers/multipart.ts';
import { usccCheckChar } from '../../shared/validation/uscc.ts';
import { auditLog } from '../audit/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { incubateeFinancings, incubatees, incubateeStatusEvents, spaceChainPlaces } from './schema.ts';

/** A valid USCC from its first 17 characters. */
const code = (first17: string) => first17 + usccCheckChar(first17)!;

let t: TestApp;
let operator: Agent;
let staff: Agent;
let otherOperator: Agent;
let city: Agent;
let otherCity: Agent;
let nation: Agent;
let robot: string;
let park: string;

const body = (over: Record<string, unknown> = {}) => ({
  kind: 'enterprise',
  name: '沈阳灵犀机器人科技有限公司',
  uscc: code('91210112MA0LX0001'),
  entryDate: '2024-03-15',
  industry: 'advanced_equipment',
  subField: '协作机器人',
  founderTypes: ['researcher', 'serial'],
  jobs: 12,
  graduatesHired: 3,
  validIp: 6,
  inventionPatents: 2,
  newlyRegistered: true,
  registeredOn: '2024-04-01',
  contactName: '林晓峰',
  contactMobile: '13840001234',
  ...over,
});

/** Everything the roster tables hold, to show a refused request changed nothing. */
async function snapshot() {
  const db = t.ctx.db;
  return {
    incubatees: await db.select().from(incubatees).orderBy(incubatees.id),
    financings: await db.select().from(incubateeFinancings).orderBy(incubateeFinancings.id),
    events: (await db.select().from(incubateeStatusEvents)).length,
    chain: await db.select().from(spaceChainPlaces),
  };
}

async function workbookOf(rows: unknown[][]) {
  const exported = new ExcelJS.Workbook();
  await exported.xlsx.load((await operator.get(`/api/roster/incubatees.xlsx?spaceId=${robot}`)).rawPayload as unknown as ArrayBuffer);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(exported.worksheets[0]!.name);
  sheet.addRow((exported.worksheets[0]!.getRow(1).values as unknown[]).slice(1));
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const upload = (agent: Agent, spaceId: string, data: Buffer) => {
  const form = multipart([{ name: 'file', filename: '名册.xlsx', data, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }]);
  return agent.post(`/api/roster/spaces/${spaceId}/import`, form.payload, { headers: form.headers });
};

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  const spaceId = async (name: string) => (await t.ctx.db.select().from(spaces).where(eq(spaces.name, name)))[0]!.id;
  robot = await spaceId('沈阳智能机器人专业化众创空间');
  park = await spaceId('金陵理工生物医药专业化众创空间');
  [operator, staff, otherOperator, city, otherCity, nation] = (await Promise.all(
    ['op_robot_admin', 'op_robot_staff', 'op_univ_admin', 'sy_admin', 'nj_admin', 'most_admin'].map((u) => signIn(t.app, u)),
  )) as [Agent, Agent, Agent, Agent, Agent, Agent];
});
afterAll(() => t.close());

describe('roster API', () => {
  let id: string;

  it('lets the operator register, edit, move the status and record financing, each audited', async () => {
    const created = await staff.post(`/api/roster/spaces/${robot}/incubatees`, body());
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json();
    id = c.id;
    expect(c).toMatchObject({ status: 'resident', statusDate: '2024-03-15', contactMobile: '13840001234', personalDataMasked: false, canEdit: true, history: [{ toStatus: 'resident' }] });

    const edited = await operator.put(`/api/roster/incubatees/${id}`, { ...body({ jobs: 15 }), revision: c.revision });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await operator.put(`/api/roster/incubatees/${id}`, { ...body({ jobs: 16 }), revision: c.revision })).json().error.code).toBe('STALE_REVISION');

    const funded = await operator.post(`/api/roster/incubatees/${id}/financings`, { receivedOn: '2025-05-20', amountYuan: 3_000_000, investor: '辽宁科技天使基金', kind: 'social' });
    expect(funded.statusCode, funded.body).toBe(201);
    expect(funded.json()).toMatchObject({ investmentYuan: 3_000_000, financings: [{ amountYuan: 3_000_000, kind: 'social' }] });
    const second = await operator.post(`/api/roster/incubatees/${id}/financings`, { receivedOn: '2025-06-01', amountYuan: 500_000, investor: '空间种子基金', kind: 'own' });
    const own = second.json().financings.find((f: { kind: string }) => f.kind === 'own');
    const removed = await operator.delete(`/api/roster/incubatees/${id}/financings/${own.id}`);
    expect(removed.json().investmentYuan).toBe(3_000_000);

    const graduated = await operator.post(`/api/roster/incubatees/${id}/status`, { status: 'graduated', effectiveOn: '2025-12-01', note: '达到毕业标准', revision: edited.json().revision });
    expect(graduated.statusCode, graduated.body).toBe(200);
    expect(graduated.json()).toMatchObject({ status: 'graduated', leftOn: '2025-12-01', history: [{ toStatus: 'resident' }, { fromStatus: 'resident', toStatus: 'graduated', note: '达到毕业标准' }] });
    const again = await operator.post(`/api/roster/incubatees/${id}/status`, { status: 'exited', effectiveOn: '2025-12-02', revision: graduated.json().revision });
    expect(again.json().error.code).toBe('STATE_CONFLICT');

    const actions = (await t.ctx.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.objectId, id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['roster.incubatee.create', 'roster.incubatee.edit', 'roster.financing.add', 'roster.financing.remove', 'roster.incubatee.status']));
  });

  it('refuses a bad USCC, 其中 above its total and a future date, naming the field in Chinese', async () => {
    const bad = await operator.post(`/api/roster/spaces/${robot}/incubatees`, body({ uscc: '91210112MA0LX00010', graduatesHired: 20, entryDate: '2999-01-01' }));
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.fields.map((f: { field: string; message: string }) => `${f.field}:${f.message}`);
    expect(fields).toEqual(expect.arrayContaining(['body.uscc:统一社会信用代码格式或校验位不正确', 'body.graduatesHired:其中应届毕业生人数不能超过吸纳就业人数', 'body.entryDate:入驻日期不能晚于今天']));
  });

  it('lists with filters, sort and paging; the authority reads its jurisdiction masked and read-only', async () => {
    await operator.post(`/api/roster/spaces/${robot}/incubatees`, body({ kind: 'team', name: '视觉检测团队', uscc: null, newlyRegistered: false, registeredOn: null, entryDate: '2025-02-01', industry: null }));
    const page = (await operator.get(`/api/roster/incubatees?spaceId=${robot}&sort=name&order=asc&pageSize=1`)).json();
    expect(page).toMatchObject({ total: 2, totalCapped: false, pageSize: 1 });
    expect((await operator.get('/api/roster/incubatees?status=graduated')).json().items.map((i: { name: string }) => i.name)).toEqual(['沈阳灵犀机器人科技有限公司']);
    expect((await operator.get('/api/roster/incubatees?entryYear=2025')).json().items.map((i: { name: string }) => i.name)).toEqual(['视觉检测团队']);
    expect((await operator.get(`/api/roster/incubatees?q=${code('91210112MA0LX0001').slice(0, 12)}`)).json().total).toBe(1);
    // By status or jobs the names follow the column's direction (one index serves the page either way).
    await operator.post(`/api/roster/spaces/${robot}/incubatees`, body({ kind: 'team', name: '安防巡检团队', uscc: null, newlyRegistered: false, registeredOn: null, entryDate: '2025-03-01', industry: null }));
    const names = async (query: string) => (await operator.get(`/api/roster/incubatees?spaceId=${robot}&${query}`)).json().items.map((i: { name: string }) => i.name);
    expect(await names('sort=status&order=asc')).toEqual(['沈阳灵犀机器人科技有限公司', '安防巡检团队', '视觉检测团队']);
    expect(await names('sort=status&order=desc')).toEqual(['视觉检测团队', '安防巡检团队', '沈阳灵犀机器人科技有限公司']);
    expect(await names('sort=jobs&order=desc')).toEqual([...(await names('sort=jobs&order=asc'))].reverse());

    const seen = (await city.get('/api/roster/incubatees?q=灵犀')).json().items[0];
    expect(seen).toMatchObject({ contactName: '林***', contactMobile: '138****1234', personalDataMasked: true, canEdit: false });
    expect((await nation.get(`/api/roster/incubatees/${id}`)).statusCode).toBe(200);
  });

  it('shows the governing authority one contact field in full for a stated reason, audited without the value', async () => {
    const revealed = await city.post(`/api/roster/incubatees/${id}/reveal`, { field: 'contactMobile', reason: '核实在孵企业联系人' });
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json()).toEqual({ field: 'contactMobile', value: '13840001234' });
    const [row] = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'personal_data.reveal'));
    expect(row).toMatchObject({ objectType: 'incubatee', objectId: id, detail: { field: 'contactMobile', reason: '核实在孵企业联系人' } });
    expect(JSON.stringify(row!.detail)).not.toContain('13840001234');

    const short = await city.post(`/api/roster/incubatees/${id}/reveal`, { field: 'contactMobile', reason: '看看' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['body.reason']);
    const other = await city.post(`/api/roster/incubatees/${id}/reveal`, { field: 'name', reason: '核实在孵企业联系人' });
    expect(other.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['body.field']);
    // Outside the jurisdiction or another operator: the incubatee does not exist, and nothing is recorded.
    for (const outsider of [otherCity, otherOperator]) expect((await outsider.post(`/api/roster/incubatees/${id}/reveal`, { field: 'contactName', reason: '核实在孵企业联系人' })).statusCode).toBe(404);
    expect(await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'personal_data.reveal'))).toHaveLength(1);
  });

  it('refuses outsiders on every endpoint with nothing changed: other operators and authorities get 404, the governing authority 403 on writes', async () => {
    const before = await snapshot();
    const revision = (await operator.get(`/api/roster/incubatees/${id}`)).json().revision;
    const financingId = (await operator.get(`/api/roster/incubatees/${id}`)).json().financings[0].id;
    const book = await workbookOf([[null, '团队', '外来团队', null, '2025-01-01']]);
    for (const outsider of [otherOperator, otherCity]) {
      expect((await outsider.get(`/api/roster/incubatees/${id}`)).statusCode).toBe(404);
      expect((await outsider.get('/api/roster/incubatees')).json().items.map((i: { id: string }) => i.id)).not.toContain(id);
      expect((await outsider.get(`/api/roster/spaces/${robot}/chain`)).statusCode).toBe(404);
      const survival = (await outsider.get('/api/roster/survival')).json();
      expect(survival.spaces.map((s: { spaceId: string }) => s.spaceId)).not.toContain(robot);
      const exported = await outsider.get('/api/roster/incubatees.xlsx');
      expect(exported.statusCode).toBe(200);
      expect(exported.rawPayload.includes(Buffer.from('灵犀'))).toBe(false);
    }
    expect((await otherCity.get(`/api/roster/chain?uscc=${code('91210112MA0LX0001')}`)).statusCode).toBe(404);
    expect((await otherOperator.get(`/api/roster/chain?uscc=${code('91210112MA0LX0001')}`)).statusCode).toBe(403);
    const writes = (agent: Agent) => [
      agent.post(`/api/roster/spaces/${robot}/incubatees`, body({ name: '冒名企业' })),
      agent.put(`/api/roster/incubatees/${id}`, { ...body({ name: '改名' }), revision }),
      agent.post(`/api/roster/incubatees/${id}/status`, { status: 'deregistered', effectiveOn: '2025-12-20', revision }),
      agent.post(`/api/roster/incubatees/${id}/financings`, { receivedOn: '2025-07-01', amountYuan: 1, investor: '某人', kind: 'social' }),
      agent.delete(`/api/roster/incubatees/${id}/financings/${financingId}`),
      upload(agent, robot, book),
      agent.put(`/api/roster/spaces/${robot}/chain`, { place: 'accelerator', partners: [] }),
    ];
    for (const res of await Promise.all(writes(otherOperator))) expect(res.statusCode, res.body).toBe(404);
    // Authorities read but never write: refused by role (403) before anything is looked up.
    for (const res of await Promise.all([...writes(city), ...writes(otherCity)])) expect(res.statusCode, res.body).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('follows one USCC across carriers A → B → C for an authority above all of them, within its jurisdiction only', async () => {
    const uscc = code('91210112MA0LX0001');
    await operator.put(`/api/roster/spaces/${robot}/chain`, { place: 'maker_space', partners: [{ name: '金陵理工生物医药专业化众创空间', place: 'incubator', spaceId: park }] });
    const moved = await otherOperator.post(`/api/roster/spaces/${park}/incubatees`, body({ entryDate: '2025-12-02', newlyRegistered: false, registeredOn: null }));
    expect(moved.statusCode, moved.body).toBe(201);
    // The third carrier, in a third province, declares itself an accelerator.
    const changge = (await t.ctx.db.select().from(spaces).where(eq(spaces.name, '长葛创新工场众创空间')))[0]!.id;
    const third = await signIn(t.app, 'op_cg_admin');
    expect((await third.put(`/api/roster/spaces/${changge}/chain`, { place: 'accelerator', partners: [] })).statusCode).toBe(200);
    const movedAgain = await third.post(`/api/roster/spaces/${changge}/incubatees`, body({ entryDate: '2026-06-01', newlyRegistered: false, registeredOn: null }));
    expect(movedAgain.statusCode, movedAgain.body).toBe(201);
    const path = (await nation.get(`/api/roster/chain?uscc=${uscc}`)).json();
    expect(path.steps.map((s: { spaceName: string; place: string | null }) => [s.spaceName, s.place])).toEqual([
      ['沈阳智能机器人专业化众创空间', 'maker_space'],
      ['金陵理工生物医药专业化众创空间', null],
      ['长葛创新工场众创空间', 'accelerator'],
    ]);
    // Each city sees only the step in its own jurisdiction.
    expect((await city.get(`/api/roster/chain?uscc=${uscc}`)).json().steps).toHaveLength(1);
    expect((await (await signIn(t.app, 'xc_admin')).get(`/api/roster/chain?uscc=${uscc}`)).json().steps.map((s: { spaceName: string }) => s.spaceName)).toEqual(['长葛创新工场众创空间']);
    expect((await operator.get(`/api/roster/spaces/${robot}/chain`)).json()).toMatchObject({ place: 'maker_space', partners: [{ spaceId: park }] });
  });

  it('marks the host incubator’s own incubatees for the evaluation’s scope (003 第十条), kept when an edit omits the mark', async () => {
    const created = await otherOperator.post(`/api/roster/spaces/${park}/incubatees`, body({ name: '沈阳孵化器自有企业有限公司', uscc: code('91210112MA0LX0009'), hostIncubatee: true }));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().hostIncubatee).toBe(true);
    const mark = async (incubateeId: string) => (await t.ctx.db.select({ host: incubatees.hostIncubatee }).from(incubatees).where(eq(incubatees.id, incubateeId)))[0]!.host;
    expect(await mark(created.json().id)).toBe(true);
    // An edit without the field (an older client) keeps the mark; an explicit false clears it.
    const kept = await otherOperator.put(`/api/roster/incubatees/${created.json().id}`, { ...body({ name: '沈阳孵化器自有企业有限公司', uscc: code('91210112MA0LX0009'), jobs: 20 }), revision: created.json().revision });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().hostIncubatee).toBe(true);
    const cleared = await otherOperator.put(`/api/roster/incubatees/${created.json().id}`, { ...body({ name: '沈阳孵化器自有企业有限公司', uscc: code('91210112MA0LX0009'), hostIncubatee: false }), revision: kept.json().revision });
    expect(cleared.json().hostIncubatee).toBe(false);
    expect(await mark(created.json().id)).toBe(false);
    // The authority reads the mark; a row registered without it is unmarked.
    const listed = (await otherCity.get(`/api/roster/incubatees?spaceId=${park}&pageSize=100`)).json().items as { id: string; hostIncubatee: boolean }[];
    expect(listed.find((i) => i.id === created.json().id)!.hostIncubatee).toBe(false);
    expect(listed.every((i) => i.hostIncubatee === false)).toBe(true);
    const bad = await otherOperator.post(`/api/roster/spaces/${park}/incubatees`, body({ uscc: code('91210112MA0LX0008'), hostIncubatee: '是' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0]).toMatchObject({ field: 'body.hostIncubatee', message: '应为是或否' });
  });
});

describe('roster Excel', () => {
  it('exports a sheet that reads back with the same values and layout', async () => {
    const res = await operator.get(`/api/roster/incubatees.xlsx?spaceId=${robot}&q=灵犀`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('在孵企业名册')!;
    expect(sheet.getRow(1).getCell(2).value).toBe('类型（团队/企业）');
    expect(sheet.rowCount).toBe(2);
    const row = sheet.getRow(2).values as unknown[];
    expect(row.slice(1, 9)).toEqual(['沈阳智能机器人专业化众创空间', '企业', '沈阳灵犀机器人科技有限公司', code('91210112MA0LX0001'), '2024-03-15', '高端装备制造', '协作机器人', '科技人员、连续创业']);
    expect(row.slice(15, 21)).toEqual(['毕业', '2025-12-01', '', '林晓峰', '13840001234', 3_000_000]);
  });

  it('refuses a workbook with bad cells by sheet, row and column, saving nothing of its good rows', async () => {
    const before = await snapshot();
    const book = await workbookOf([
      [null, '企业', '好公司', code('91210112MA0GD0001'), '2025-03-01', '新材料', null, '大学生', 5, 1, 0, 0, '否'],
      [null, '公司', '坏公司', '91210112MA0GD00010', '2025/03/01', '航天', null, '学生', -1, 0, 0, 0, '也许', null, '迁出'],
      [null, '团队', '日期不存在的团队', null, '2025-02-30'],
    ]);
    const res = await upload(operator, robot, book);
    expect(res.statusCode).toBe(400);
    const cells = res.json().error.fields.map((f: { field: string }) => f.field);
    expect(cells).toEqual(expect.arrayContaining(['在孵企业名册!B3', '在孵企业名册!D3', '在孵企业名册!E3', '在孵企业名册!F3', '在孵企业名册!H3', '在孵企业名册!I3', '在孵企业名册!M3', '在孵企业名册!P3', '在孵企业名册!Q3', '在孵企业名册!E4']));
    expect(res.json().error.message).toMatch(/^导入失败，未保存任何数据/);
    expect(res.json().error.fields[0].message).toMatch(/^第 3 行 B 列（类型（团队\/企业））：/);
    expect(await snapshot()).toEqual(before);
  });

  it('imports a good workbook whole, statuses and their history included', async () => {
    const book = await workbookOf([
      [null, '企业', '导入甲公司', code('91210112MA0DR0001'), '2023-05-01', '电子信息', '工业视觉', '大学生、外籍', 8, 2, 3, 1, '是', '2023-06-01', '在孵', '2023-05-01'],
      [null, '团队', '导入乙团队', null, '2023-07-01', null, null, null, 3, 0, 0, 0, '否', null, '退出', '2024-02-01'],
    ]);
    const res = await upload(operator, robot, book);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ created: 2 });
    const list = (await operator.get('/api/roster/incubatees?q=导入&sort=name&order=asc')).json().items;
    expect(list.map((i: { name: string; status: string; leftOn: string | null }) => [i.name, i.status, i.leftOn])).toEqual([
      ['导入乙团队', 'exited', '2024-02-01'],
      ['导入甲公司', 'resident', null],
    ]);
  });

  it('refuses a file that is not a workbook', async () => {
    expect((await upload(operator, robot, SAMPLE.pdf)).statusCode).toBe(400);
  });
});
