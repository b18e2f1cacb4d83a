import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { fileSpace } from '../../../test/helpers/filed.ts';
import { auditLog } from '../audit/schema.ts';
import { supports } from '../supports/schema.ts';
import { entityLinks, supportAlerts } from './schema.ts';
import { queueSupportScanInTx, scanSupports } from './service.ts';
import { demoSpaces, insertAcceptedReturn, insertSupport, insertSupportItem, orgOf, setFiledArea, usccOf, type DemoSpace } from './test/supports.test-helper.ts';

let t: TestApp;
let sy: { id: string; regionCode: string }; // 沈阳市科技局
let ln: { id: string; regionCode: string }; // 辽宁省科技厅
let js: { id: string; regionCode: string }; // 江苏省科技厅
let spaces: DemoSpace[];
let lnSpace: DemoSpace;
let jsSpace: DemoSpace;

const full = () => scanSupports(t.ctx.db, { full: true, supportIds: [], returnIds: [] });
const keyOf = (rule: string, a: string, b?: string) => (b ? `${rule}:${[a, b].sort().join(':')}` : `${rule}:${a}`);
async function alert(key: string) {
  const rows = await t.ctx.database.query<{ id: string; rule: string; state: string; explanation: Record<string, unknown>; revision: number }>(
    `select id, rule, state, explanation, revision from support_alerts where pair_key = $1`,
    [key],
  );
  return rows[0];
}
let serial = 0;
/** A fresh beneficiary USCC nobody else uses. */
const freshUscc = () => usccOf(`91210100MA${String(10_000_000 + ++serial).slice(1)}`);

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [sy, ln, js] = await Promise.all([orgOf(t, 'sy_admin'), orgOf(t, 'ln_admin'), orgOf(t, 'js_admin')]);
  spaces = await demoSpaces(t);
  const paths = await t.ctx.database.query<{ code: string; path: string }>(`select code, path from regions where code = any($1::text[])`, [spaces.map((s) => s.regionCode)]);
  const pathOf = (s: DemoSpace) => paths.find((p) => p.code === s.regionCode)!.path;
  lnSpace = spaces.find((s) => pathOf(s).startsWith('000000/210000/'))!;
  jsSpace = spaces.find((s) => pathOf(s).startsWith('000000/320000/'))!;
  expect(lnSpace).toBeDefined();
  expect(jsSpace).toBeDefined();
});
afterAll(() => t.close());

describe('D1 one undertaking, one category, overlapping months, the same project', () => {
  it('alerts on a crafted pair and explains the overlap', async () => {
    const uscc = freshUscc();
    const a = await insertSupport(t, { grantor: sy, space: lnSpace, uscc, title: '智能制造众创空间房租补贴', from: '2026-01-01', to: '2026-06-30' });
    const b = await insertSupport(t, { grantor: sy, space: lnSpace, uscc, title: '智能制造众创空间房租补助', from: '2026-04-01', to: '2026-09-30', amount: 80_000 });
    await full();
    const found = await alert(keyOf('D1', a, b));
    expect(found?.state).toBe('open');
    expect(found?.explanation).toMatchObject({ rule: 'D1', overlap: { from: '2026-04-01', to: '2026-06-30', months: 3 } });
  });

  it('is silent when the months do not overlap', async () => {
    const uscc = freshUscc();
    const a = await insertSupport(t, { grantor: sy, space: lnSpace, uscc, from: '2026-01-01', to: '2026-06-30' });
    const b = await insertSupport(t, { grantor: sy, space: lnSpace, uscc, from: '2026-07-01', to: '2026-12-31' });
    await full();
    expect(await alert(keyOf('D1', a, b))).toBeUndefined();
  });

  it('groups a space’s operator and host into one undertaking', async () => {
    const hosted = spaces.find((s) => s.hostUscc)!;
    expect(hosted).toBeDefined();
    const a = await insertSupport(t, { grantor: ln, space: hosted, uscc: hosted.operatorUscc, category: 'operating', title: '众创空间运营补助（2026年度）', code: 'YY-2026-01', from: '2026-01-01', to: '2026-12-31' });
    const b = await insertSupport(t, { grantor: ln, space: hosted, uscc: hosted.hostUscc!, role: 'host', category: 'operating', title: '依托单位孵化平台运营经费', code: 'YY-2026-01', from: '2026-03-01', to: '2026-12-31' });
    await full();
    expect((await alert(keyOf('D1', a, b)))?.explanation).toMatchObject({ sameProjectCode: true, overlap: { months: 10 } });
  });

  it('groups entity links recorded by an authority (audited), and forgets them when removed', async () => {
    const [x, y] = [freshUscc(), freshUscc()];
    const a = await insertSupport(t, { grantor: sy, space: lnSpace, uscc: x, category: 'construction', title: '孵化场地改造建设补助' });
    const b = await insertSupport(t, { grantor: sy, space: lnSpace, uscc: y, category: 'construction', title: '孵化场地改造建设补助资金' });
    await full();
    expect(await alert(keyOf('D1', a, b))).toBeUndefined();

    const admin = await signIn(t.app, 'ln_admin');
    const bad = await admin.post('/api/entity-links', { usccA: x, usccB: 'NOT-A-USCC-000000', reason: '' });
    expect(bad.statusCode).toBe(400);
    const same = await admin.post('/api/entity-links', { usccA: x, usccB: x, reason: '母子公司' });
    expect(same.statusCode).toBe(400);
    expect(same.body).toContain('body.usccB');
    const reviewer = await signIn(t.app, 'ln_reviewer');
    const before = await t.ctx.db.select().from(entityLinks);
    expect((await reviewer.post('/api/entity-links', { usccA: x, usccB: y, reason: '母子公司' })).statusCode).toBe(403);
    expect(await t.ctx.db.select().from(entityLinks)).toEqual(before);

    const added = await admin.post('/api/entity-links', { usccA: y, usccB: x, reason: '全资子公司（工商登记）' });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().usccA < added.json().usccB).toBe(true);
    expect((await admin.post('/api/entity-links', { usccA: x, usccB: y, reason: '再登记一次' })).statusCode).toBe(409);
    await full();
    expect((await alert(keyOf('D1', a, b)))?.state).toBe('open');

    // Only the recording department removes it.
    const other = await signIn(t.app, 'js_admin');
    expect((await other.delete(`/api/entity-links/${added.json().id}`)).statusCode).toBe(403);
    expect((await admin.delete(`/api/entity-links/${added.json().id}`)).statusCode).toBe(204);
    await full();
    expect((await alert(keyOf('D1', a, b)))?.state).toBe('lapsed');
    const audits = await t.ctx.db.select().from(auditLog).where(inArray(auditLog.action, ['entity_link.create', 'entity_link.delete']));
    expect(audits.map((r) => r.action).sort()).toEqual(['entity_link.create', 'entity_link.delete']);
  });
});

describe('D2 the same cost evidence in two supports', () => {
  it('alerts on a shared invoice and names it; silent on different ones', async () => {
    const a = await insertSupport(t, { grantor: sy, space: lnSpace, uscc: freshUscc(), category: 'event', title: '创业大赛活动补贴', invoices: ['21001234', '21001235'] });
    const b = await insertSupport(t, { grantor: ln, space: jsSpace, uscc: freshUscc(), category: 'event', title: '路演活动经费', invoices: ['21001235'], contracts: ['HT-9'] });
    const c = await insertSupport(t, { grantor: ln, space: jsSpace, uscc: freshUscc(), category: 'event', title: '路演活动经费', invoices: ['21009999'], contracts: ['HT-10'] });
    await full();
    expect((await alert(keyOf('D2', a, b)))?.explanation).toMatchObject({ invoices: ['21001235'], contracts: [] });
    expect(await alert(keyOf('D2', a, c))).toBeUndefined();
    expect(await alert(keyOf('D2', b, c))).toBeUndefined();
  });
});

describe('D3 two departments fund one category of one space for the same months', () => {
  it('alerts on overlapping months with the area × months; silent on disjoint ones', async () => {
    const a = await insertSupport(t, { grantor: sy, space: jsSpace, uscc: freshUscc(), category: 'talent', title: '人才公寓补贴', from: '2026-01-01', to: '2026-12-31', area: 300, months: 12 });
    const b = await insertSupport(t, { grantor: js, space: jsSpace, uscc: freshUscc(), category: 'talent', title: '青年人才引进', from: '2026-06-01', to: '2027-05-31', area: 200, months: 12 });
    const c = await insertSupport(t, { grantor: js, space: jsSpace, uscc: freshUscc(), category: 'talent', title: '青年人才引进', from: '2025-01-01', to: '2025-12-31' });
    await full();
    const found = await alert(keyOf('D3', a, b));
    expect(found?.explanation).toMatchObject({ overlap: { from: '2026-06-01', to: '2026-12-31', months: 7 }, category: 'talent' });
    expect(Object.values(found!.explanation.areaMonths as Record<string, number>).sort()).toEqual([2400, 3600]);
    expect(await alert(keyOf('D3', a, c))).toBeUndefined();
  });

  it('pairs a second department’s grant found by an incremental scan; one department’s grants to many beneficiaries pair with none', async () => {
    const one = await Promise.all([1, 2, 3].map(() => insertSupport(t, { grantor: sy, space: lnSpace, uscc: freshUscc(), category: 'tax', title: '税收贡献奖励' })));
    await full();
    for (const [i, x] of one.entries()) for (const y of one.slice(i + 1)) expect(await alert(keyOf('D3', x, y))).toBeUndefined();
    const other = await insertSupport(t, { grantor: ln, space: lnSpace, uscc: freshUscc(), category: 'tax', title: '省级税收返还' });
    await scanSupports(t.ctx.db, { full: false, supportIds: [other], returnIds: [] });
    for (const x of one) expect((await alert(keyOf('D3', x, other)))?.state).toBe('open');
  });
});

describe('D3 against the filed floor area', () => {
  // Periods of their own (2031), so the pairs other tests plant on the space do not overlap them.
  const pair = async (space: DemoSpace, category: string, areas: [number | null, number | null]) => {
    const a = await insertSupport(t, { grantor: sy, space, uscc: freshUscc(), category, title: '场地租金补贴', from: '2031-01-01', to: '2031-12-31', area: areas[0], months: areas[0] === null ? null : 12 });
    const b = await insertSupport(t, { grantor: js, space, uscc: freshUscc(), category, title: '场地建设补助', from: '2031-07-01', to: '2032-06-30', area: areas[1], months: areas[1] === null ? null : 12 });
    return keyOf('D3', a, b);
  };
  let filed: DemoSpace;
  beforeAll(async () => {
    filed = lnSpace;
    await fileSpace(t, filed.id);
  });

  it('says whether the two supports’ area over the overlapping months exceeds the filed area, and nothing without area data', async () => {
    expect(await setFiledArea(t, filed, 400)).toBe(true);
    const over = await pair(filed, 'rent', [300, 200]);
    const within = await pair(filed, 'construction', [150, 100]);
    const unmeasured = await pair(filed, 'operating', [300, null]);
    await full();
    expect((await alert(over))?.explanation).toMatchObject({ overlap: { months: 6 }, filedAreaM2: 400, overlapAreaM2: 500, exceedsFiled: true });
    expect((await alert(within))?.explanation).toMatchObject({ filedAreaM2: 400, overlapAreaM2: 250, exceedsFiled: false });
    expect((await alert(unmeasured))?.explanation).toMatchObject({ filedAreaM2: 400, overlapAreaM2: null, exceedsFiled: null, areaMonths: null });
    // Within the filed area, the fingerprint is that of the explanation before the area was weighed:
    // D3 alerts disposed of then keep their disposition.
    const [same] = await t.ctx.database.query<{ same: boolean }>(
      `select fingerprint = md5((explanation - 'filedAreaM2' - 'overlapAreaM2' - 'exceedsFiled')::text) as same from support_alerts where pair_key = $1`,
      [within],
    );
    expect(same?.same).toBe(true);
  });

  it('a filed area the pair stays within keeps a disposition; one it now exceeds re-opens the alert', async () => {
    expect(await setFiledArea(t, filed, 1000)).toBe(true);
    const key = await pair(filed, 'event', [300, 200]);
    await full();
    expect((await alert(key))?.explanation).toMatchObject({ filedAreaM2: 1000, exceedsFiled: false });
    await t.ctx.database.query(`update support_alerts set state = 'justified', basis = '分层租用' where pair_key = $1`, [key]);
    expect(await setFiledArea(t, filed, 800)).toBe(true);
    await full();
    expect(await alert(key)).toMatchObject({ state: 'justified', explanation: { filedAreaM2: 800, exceedsFiled: false } });
    expect(await setFiledArea(t, filed, 450)).toBe(true);
    await full();
    expect(await alert(key)).toMatchObject({ state: 'open', explanation: { filedAreaM2: 450, exceedsFiled: true } });
  });
});

describe('D4 an undertaking over a policy cap within twelve months', () => {
  it('alerts on the grant that crosses the cap; silent when the grants are more than a year apart', async () => {
    const item = await insertSupportItem(t, ln, { category: 'finance', title: '贷款贴息', capWan: 10 });
    const [u1, u2] = [freshUscc(), freshUscc()];
    const a = await insertSupport(t, { grantor: ln, space: lnSpace, uscc: u1, category: 'finance', title: '贷款贴息一', itemId: item, amount: 60_000, grantedOn: '2026-02-01' });
    const b = await insertSupport(t, { grantor: sy, space: lnSpace, uscc: u1, category: 'finance', title: '设备贷款贴息', itemId: item, amount: 50_000, grantedOn: '2026-11-01' });
    const c = await insertSupport(t, { grantor: ln, space: lnSpace, uscc: u2, category: 'finance', title: '贷款贴息一', itemId: item, amount: 60_000, grantedOn: '2025-01-01' });
    const d = await insertSupport(t, { grantor: sy, space: lnSpace, uscc: u2, category: 'finance', title: '设备贷款贴息', itemId: item, amount: 50_000, grantedOn: '2026-03-01' });
    await full();
    const found = await alert(keyOf('D4', b));
    expect(found?.explanation).toMatchObject({ cap: 100000, total: 110000, over: 10000 });
    expect(await alert(keyOf('D4', a))).toBeUndefined();
    expect(await alert(keyOf('D4', c))).toBeUndefined();
    expect(await alert(keyOf('D4', d))).toBeUndefined();
  });
});

describe('D5 one recognition awarded at two levels where the policy pays the difference', () => {
  it('alerts on the city and province awards of one recognition; silent for another project', async () => {
    const item = await insertSupportItem(t, ln, { category: 'award', title: '国家级众创空间备案奖励', capWan: 50, clause: '已获市级奖励的，按差额补足' });
    const uscc = freshUscc();
    const a = await insertSupport(t, { grantor: sy, space: lnSpace, uscc, category: 'award', title: '国家级备案众创空间奖励', code: 'BA-2026-7', amount: 200_000 });
    const b = await insertSupport(t, { grantor: ln, space: lnSpace, uscc, category: 'award', title: '国家备案众创空间奖励', code: 'BA-2026-7', amount: 500_000, itemId: item });
    const c = await insertSupport(t, { grantor: ln, space: lnSpace, uscc, category: 'award', title: '省级科技企业孵化器认定奖励', code: 'RD-2026-3', amount: 300_000, itemId: item });
    await full();
    expect((await alert(keyOf('D5', a, b)))?.explanation).toMatchObject({ levels: { [a]: 'city', [b]: 'province' }, excess: 200000 });
    expect(await alert(keyOf('D5', a, c))).toBeUndefined();
  });
});

describe('D6 the return’s 财政补贴 against the register', () => {
  let space: DemoSpace;
  beforeAll(() => {
    space = spaces.find((s) => s !== lnSpace && s !== jsSpace) ?? lnSpace;
  });

  it('alerts when the return says more than the register, and when the register records more', async () => {
    await insertSupport(t, { grantor: sy, space, category: 'operating', title: '运营补助', amount: 300_000, grantedOn: '2024-05-01', from: '2024-01-01', to: '2024-12-31' });
    const more = await insertAcceptedReturn(t, ln, space, 2024, 500_000);
    await scanSupports(t.ctx.db, { full: false, supportIds: [], returnIds: [more] });
    expect((await alert(keyOf('D6', more)))?.explanation).toMatchObject({ direction: 'return_more', declared: 500000, recorded: 300000 });

    await insertSupport(t, { grantor: sy, space, category: 'operating', title: '运营补助', amount: 400_000, grantedOn: '2023-05-01', from: '2023-01-01', to: '2023-12-31' });
    const less = await insertAcceptedReturn(t, ln, space, 2023, 100_000);
    await full();
    expect((await alert(keyOf('D6', less)))?.explanation).toMatchObject({ direction: 'register_more' });
  });

  it('is silent within the tolerance', async () => {
    await insertSupport(t, { grantor: sy, space, category: 'operating', title: '运营补助', amount: 300_000, grantedOn: '2022-05-01', from: '2022-01-01', to: '2022-12-31' });
    const close = await insertAcceptedReturn(t, ln, space, 2022, 310_000);
    await full();
    expect(await alert(keyOf('D6', close))).toBeUndefined();
  });
});

describe('the scan', () => {
  it('names every grantor of an alert’s supports as its disposers and every region involved as its viewers', async () => {
    const uscc = freshUscc();
    const a = await insertSupport(t, { grantor: sy, space: lnSpace, uscc, category: 'operating', title: '运营补助', invoices: ['FP-556677'] });
    const b = await insertSupport(t, { grantor: js, space: lnSpace, uscc, category: 'operating', title: '运营补助', invoices: ['FP-556677'] });
    const space = spaces.find((s) => s !== lnSpace && s !== jsSpace) ?? jsSpace;
    const unrecorded = await insertAcceptedReturn(t, ln, space, 2019, 800_000);
    await full();
    const tags = async (key: string) =>
      (await t.ctx.database.query<{ grantors: string[]; regions: string[] }>(`select grantor_org_ids as grantors, region_codes as regions from support_alerts where pair_key = $1`, [key]))[0];
    expect(await tags(keyOf('D2', a, b))).toEqual({ grantors: [sy.id, js.id].sort(), regions: [...new Set([sy.regionCode, js.regionCode, lnSpace.regionCode])].sort() });
    // A return the register has nothing for: no department granted anything, the space's region sees it.
    expect(await tags(keyOf('D6', unrecorded))).toEqual({ grantors: [], regions: [space.regionCode] });
  });

  it('is idempotent: a re-scan adds nothing and keeps dispositions, changed facts re-open', async () => {
    const uscc = freshUscc();
    const a = await insertSupport(t, { grantor: sy, space: lnSpace, uscc, title: '孵化场地房租补贴' });
    const b = await insertSupport(t, { grantor: sy, space: lnSpace, uscc, title: '孵化场地房租补贴（续）', from: '2026-05-01', to: '2026-08-31', status: 'draft' });
    await full();
    const count = async () => (await t.ctx.database.query<{ n: number }>(`select count(*)::int as n from support_alerts`))[0]!.n;
    const n = await count();
    const again = await full();
    expect(again.created).toBe(0);
    expect(await count()).toBe(n);

    const found = (await alert(keyOf('D1', a, b)))!;
    const reviewer = await signIn(t.app, 'sy_reviewer');
    const disposed = await reviewer.post(`/api/support-alerts/${found.id}/dispose`, { disposition: 'false_alarm', basis: '两笔为不同场地', revision: found.revision });
    expect(disposed.statusCode, disposed.body).toBe(200);
    await full();
    expect((await alert(keyOf('D1', a, b)))?.state).toBe('false_alarm');

    // A period change outside the overlap changes no fact of the alert: it stays disposed. (b is a draft:
    // a published support's facts are kept by a trigger, so only a draft is corrected in place.)
    await t.ctx.database.query(`update supports set period_to = '2026-09-30' where id = $1`, [b]);
    expect((await scanSupports(t.ctx.db, { full: false, supportIds: [b], returnIds: [] })).reopened).toBe(0);
    expect((await alert(keyOf('D1', a, b)))?.state).toBe('false_alarm');
    // The amount is corrected: the facts changed, the alert opens again.
    await t.ctx.database.query(`update supports set amount_yuan = 150000 where id = $1`, [b]);
    const rescanned = await scanSupports(t.ctx.db, { full: false, supportIds: [b], returnIds: [] });
    expect(rescanned.reopened).toBe(1);
    expect((await alert(keyOf('D1', a, b)))?.state).toBe('open');

    // Withdrawn: the incremental scan of the touched support lapses the alert.
    await t.ctx.database.query(`update supports set status = 'withdrawn' where id = $1`, [b]);
    await scanSupports(t.ctx.db, { full: false, supportIds: [b], returnIds: [] });
    expect((await alert(keyOf('D1', a, b)))?.state).toBe('lapsed');
  });

  it('queues an incremental scan in the caller’s transaction', async () => {
    await t.ctx.db.transaction((tx) => queueSupportScanInTx(tx, ['00000000-0000-4000-8000-000000000001']));
    const jobs = await t.ctx.database.query<{ data: { supportIds: string[] } }>(`select data from pgboss.job where name = 'dupcheck.scan'`);
    expect(jobs.some((j) => j.data.supportIds.includes('00000000-0000-4000-8000-000000000001'))).toBe(true);
  });
});

describe('the alerts API', () => {
  let alertId: string;
  let revision: number;
  let a: string;
  let b: string;
  let lnReviewer: Agent;
  let syReviewer: Agent;

  beforeAll(async () => {
    const uscc = freshUscc();
    a = await insertSupport(t, { grantor: sy, space: lnSpace, uscc, category: 'rent', title: '创业苗圃房租补贴', invoices: ['FP-778899'] });
    b = await insertSupport(t, { grantor: ln, space: lnSpace, uscc, category: 'rent', title: '创业苗圃房租补贴', invoices: ['FP-778899'], from: '2026-03-01', to: '2026-08-31' });
    await full();
    const found = (await alert(keyOf('D2', a, b)))!;
    alertId = found.id;
    revision = found.revision;
    [lnReviewer, syReviewer] = await Promise.all([signIn(t.app, 'ln_reviewer'), signIn(t.app, 'sy_reviewer')]);
  });

  it('lists the alerts of the actor’s grants and region tree, filtered and sorted, and explains one', async () => {
    const list = await syReviewer.get('/api/support-alerts?rule=D2&state=open&sort=detectedAt&order=desc&pageSize=100');
    expect(list.statusCode, list.body).toBe(200);
    const item = list.json().items.find((i: { id: string }) => i.id === alertId);
    expect(item.supports.map((s: { grantorName: string }) => s.grantorName).sort()).toEqual(['沈阳市科学技术局', '辽宁省科学技术厅'].sort());
    expect(list.json().items.every((i: { rule: string; state: string }) => i.rule === 'D2' && i.state === 'open')).toBe(true);
    const bad = await syReviewer.get('/api/support-alerts?rule=D9&sort=amount');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('规则');

    const detail = await syReviewer.get(`/api/support-alerts/${alertId}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().supportFacts).toHaveLength(2);
    expect(detail.json().explanation).toMatchObject({ rule: 'D2', invoices: ['FP-778899'] });
    expect(detail.json().canDispose).toBe(true);
  });

  it('puts the open alerts of the department’s grants on its workbench', async () => {
    const wb = (await syReviewer.get('/api/workbench')).json() as { todos: { kind: string; count: number; items: { detail: string }[] }[] };
    const card = wb.todos.find((x) => x.kind === 'support_alerts');
    const open = (await t.ctx.database.query<{ n: number }>(`select count(*)::int as n from support_alerts where state = 'open' and grantor_org_ids @> array[$1]::uuid[]`, [sy.id]))[0]!.n;
    expect(card?.count).toBe(open);
    expect(card!.items.length).toBeLessThanOrEqual(5);
    const maker = await signIn(t.app, 'maker_chen');
    expect(((await maker.get('/api/workbench')).json() as { todos: { kind: string }[] }).todos.some((x) => x.kind === 'support_alerts')).toBe(false);
  });

  it('isolates two authorities: Jiangsu sees none of Liaoning’s alerts', async () => {
    const jsReviewer = await signIn(t.app, 'js_reviewer');
    const list = (await jsReviewer.get('/api/support-alerts?pageSize=100')).json();
    expect(list.items.some((i: { id: string }) => i.id === alertId)).toBe(false);
    expect((await jsReviewer.get(`/api/support-alerts/${alertId}`)).statusCode).toBe(404);
    const lnList = (await lnReviewer.get('/api/support-alerts?pageSize=100')).json();
    expect(lnList.items.some((i: { id: string }) => i.id === alertId)).toBe(true);
    // Jiangsu's own D3 pair (granted by 江苏省科技厅 in Jiangsu) is not Liaoning's to see unless a Liaoning department granted one.
    const jsOwn = (await jsReviewer.get('/api/support-alerts?rule=D3&pageSize=100')).json();
    expect(jsOwn.total).toBeGreaterThan(0);
  });

  it('refuses outsiders and changes nothing', async () => {
    const snapshot = async () => ({
      alerts: await t.ctx.db.select().from(supportAlerts).orderBy(supportAlerts.id),
      supports: await t.ctx.db.select().from(supports).orderBy(supports.id),
      audits: (await t.ctx.db.select({ id: auditLog.id }).from(auditLog).where(inArray(auditLog.action, ['support_alert.dispose', 'support.payment']))).length,
    });
    const before = await snapshot();
    const body = { disposition: 'recover', basis: '重复', revision };
    const maker = await signIn(t.app, 'maker_chen');
    expect((await maker.get('/api/support-alerts')).statusCode).toBe(403);
    expect((await maker.post(`/api/support-alerts/${alertId}/dispose`, body)).statusCode).toBe(403);
    const operator = await signIn(t.app, 'op_robot_admin');
    expect((await operator.post(`/api/support-alerts/${alertId}/dispose`, body)).statusCode).toBe(403);
    const jsReviewer = await signIn(t.app, 'js_reviewer');
    expect((await jsReviewer.post(`/api/support-alerts/${alertId}/dispose`, body)).statusCode).toBe(404);
    // 大连 is neither a grantor nor over the space: it does not see it.
    const dl = await signIn(t.app, 'dl_reviewer');
    expect((await dl.post(`/api/support-alerts/${alertId}/dispose`, body)).statusCode).toBe(404);
    // The ministry sees the whole tree but granted neither support: it may not dispose.
    const most = await signIn(t.app, 'most_reviewer');
    expect((await most.post(`/api/support-alerts/${alertId}/dispose`, body)).statusCode).toBe(403);
    const anon = new Agent(t.app);
    await anon.get('/api/auth/csrf');
    expect((await anon.post(`/api/support-alerts/${alertId}/dispose`, body)).statusCode).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it('needs a basis to call it justified, and refuses a stale revision', async () => {
    const noBasis = await syReviewer.post(`/api/support-alerts/${alertId}/dispose`, { disposition: 'justified', basis: ' ', revision });
    expect(noBasis.statusCode).toBe(400);
    expect(noBasis.body).toContain('body.basis');
    const badKind = await syReviewer.post(`/api/support-alerts/${alertId}/dispose`, { disposition: 'delete', revision });
    expect(badKind.statusCode).toBe(400);
    expect((await syReviewer.post(`/api/support-alerts/${alertId}/dispose`, { disposition: 'false_alarm', revision: revision + 5 })).statusCode).toBe(409);
  });

  it('a grantor recovers: its own support is marked recovered, the other department’s is not, all audited', async () => {
    const res = await syReviewer.post(`/api/support-alerts/${alertId}/dispose`, { disposition: 'recover', basis: '同一发票已由省厅补贴', revision });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().state).toBe('recover');
    const states = await t.ctx.database.query<{ id: string; payment_state: string }>(`select id, payment_state from supports where id = any($1::uuid[])`, [[a, b]]);
    expect(states.find((s) => s.id === a)?.payment_state).toBe('recovered');
    expect(states.find((s) => s.id === b)?.payment_state).toBe('planned');
    const rows = await t.ctx.db.select().from(auditLog).where(inArray(auditLog.action, ['support_alert.dispose', 'support.payment']));
    expect(rows.find((r) => r.action === 'support_alert.dispose' && r.objectId === alertId)?.detail).toMatchObject({ to: 'recover', basis: '同一发票已由省厅补贴', paymentChanged: [a] });
    expect(rows.some((r) => r.action === 'support.payment' && r.objectId === a)).toBe(true);

    // The other grantor records its own view: justified, with its basis.
    const again = await lnReviewer.post(`/api/support-alerts/${alertId}/dispose`, { disposition: 'justified', basis: '省级补贴按差额拨付', revision: res.json().revision });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().basis).toBe('省级补贴按差额拨付');
  });

  it('a false alarm changes no payment; a grantor that suspends pauses only its own support; each audited', async () => {
    const uscc = freshUscc();
    const c = await insertSupport(t, { grantor: sy, space: lnSpace, uscc, category: 'rent', title: '孵化场地房租补贴', invoices: ['FP-445566'] });
    const d = await insertSupport(t, { grantor: ln, space: lnSpace, uscc, category: 'rent', title: '孵化场地房租补贴', invoices: ['FP-445566'], from: '2026-03-01', to: '2026-08-31' });
    await full();
    const found = (await alert(keyOf('D2', c, d)))!;
    const paid = async () => Object.fromEntries((await t.ctx.database.query<{ id: string; payment_state: string }>(`select id, payment_state from supports where id = any($1::uuid[])`, [[c, d]])).map((r) => [r.id, r.payment_state]));

    const falseAlarm = await lnReviewer.post(`/api/support-alerts/${found.id}/dispose`, { disposition: 'false_alarm', basis: '两张发票号码相同系录入错误', revision: found.revision });
    expect(falseAlarm.statusCode, falseAlarm.body).toBe(200);
    expect(falseAlarm.json().state).toBe('false_alarm');
    expect(await paid()).toEqual({ [c]: 'planned', [d]: 'planned' });

    const suspended = await syReviewer.post(`/api/support-alerts/${found.id}/dispose`, { disposition: 'suspend', basis: '核实发票前暂停拨付', revision: falseAlarm.json().revision });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json().state).toBe('suspend');
    expect(await paid()).toEqual({ [c]: 'suspended', [d]: 'planned' });

    const rows = await t.ctx.db.select().from(auditLog).where(inArray(auditLog.action, ['support_alert.dispose', 'support.payment']));
    const disposed = rows.filter((r) => r.action === 'support_alert.dispose' && r.objectId === found.id).map((r) => r.detail);
    expect(disposed).toHaveLength(2);
    expect(disposed).toEqual(
      expect.arrayContaining([expect.objectContaining({ to: 'false_alarm', basis: '两张发票号码相同系录入错误' }), expect.objectContaining({ to: 'suspend', basis: '核实发票前暂停拨付', paymentChanged: [c] })]),
    );
    expect(rows.filter((r) => r.action === 'support.payment').map((r) => r.objectId)).not.toContain(d);
  });
});
