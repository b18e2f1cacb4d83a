import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Agent } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { seedHistory } from '../../seed/history.ts';
import { periodOf } from './cadences.ts';

/**
 * The cadences: annual for every filed space, quarterly for national-level spaces only, monthly
 * where the province has switched it on — each enrolling by its own rule, each period written its way.
 */
describe('periods', () => {
  it('bounds each cadence\'s period in Asia/Shanghai days and refuses malformed ones', () => {
    const day = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const span = (c: 'annual' | 'quarterly' | 'monthly', p: string) => {
      const r = periodOf(c, p)!;
      return [r.year, r.index, day(r.from), day(r.to)];
    };
    expect(span('annual', '2026')).toEqual([2026, 1, '2026-01-01', '2027-01-01']);
    expect(span('quarterly', '2026Q4')).toEqual([2026, 4, '2026-10-01', '2027-01-01']);
    expect(span('monthly', '2026-02')).toEqual([2026, 2, '2026-02-01', '2026-03-01']);
    expect(span('monthly', '2026-12')).toEqual([2026, 12, '2026-12-01', '2027-01-01']);
    for (const [c, p] of [['monthly', '2026-13'], ['monthly', '2026-1'], ['quarterly', '2026Q5'], ['annual', '2026Q1']] as const) expect(periodOf(c, p)).toBeUndefined();
  });
});

let t: TestApp;
let province: Agent;
let city: Agent;
let operator: Agent;
const q = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => t.ctx.database.query<T>(sql, params);
const due = () => new Date(Date.now() + 20 * 86_400_000).toISOString();
const chainId = async (key: string) => (await q<{ id: string }>(`select id from chains where key = $1`, [key]))[0]!.id;
const catalogueId = async () => (await q<{ id: string }>(`select id from return_catalogues where status = 'published' limit 1`))[0]!.id;
const filedIn = async (path: string, national: boolean) =>
  (
    await q<{ n: number }>(
      `select count(distinct s.id)::int as n from spaces s join regions r on r.code = s.region_code join filings f on f.space_id = s.id and f.status = 'active'
       where s.status = 'active' and (r.path = $1 or r.path like $1 || '/%') and ($2::boolean is false or f.level = 'national')`,
      [path, national],
    )
  )[0]!.n;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  await seedHistory(t.ctx.db, t.config, { servicePlatform: false });
  [province, city, operator] = await Promise.all([signIn(t.app, 'ln_admin'), signIn(t.app, 'sy_admin'), signIn(t.app, 'op_robot_admin')]);
}, 300_000);
afterAll(() => t.close());

describe('cadences through the API', () => {
  it('enrolls only national-level spaces in a quarterly round', async () => {
    const res = await (await signIn(t.app, 'js_admin')).post('/api/returns/rounds', { cadence: 'quarterly', period: '2026Q4', dueAt: due(), catalogueId: await catalogueId(), chainId: await chainId('annual_return_province') });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().title).toBe('江苏省2026年第4季度国家级众创空间监测报表');
    expect(res.json().enrolled).toBe(await filedIn('000000/320000', true));
    expect(res.json().enrolled).toBeGreaterThan(0);
    // 许昌's filed spaces hold city filings only: its quarterly round enrolls none of them.
    const xc = await (await signIn(t.app, 'xc_admin')).post('/api/returns/rounds', { cadence: 'quarterly', period: '2026Q4', dueAt: due(), catalogueId: await catalogueId(), chainId: await chainId('annual_return_city') });
    expect(xc.json().enrolled).toBe(0);
    expect(await filedIn('000000/410000/411000', false)).toBeGreaterThan(0);
  });

  it('refuses a monthly round until the province switches it on, then enrolls every filed space', async () => {
    const body = { cadence: 'monthly', period: '2026-11', dueAt: due(), catalogueId: await catalogueId(), chainId: await chainId('annual_return_city') };
    const off = await city.post('/api/returns/rounds', body);
    expect(off.statusCode).toBe(400);
    expect(off.json().error.fields[0].field).toBe('body.cadence');
    expect((await city.get('/api/returns/settings')).json()).toEqual({ monthly: false, editable: false });
    const on = await province.put('/api/returns/settings', { monthly: true });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json()).toEqual({ monthly: true, editable: true });
    expect((await city.post('/api/returns/rounds', { ...body, period: '2026-13' })).json().error.fields[0].field).toBe('body.period');
    const opened = await city.post('/api/returns/rounds', body);
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json().title).toBe('沈阳市2026年11月众创空间统计月报');
    expect(opened.json().enrolled).toBe(await filedIn('000000/210000/210100', false));
    expect(opened.json().enrolled).toBeGreaterThan(0);
  });

  it('lets only a province\'s admin switch cadences, with nothing changed otherwise', async () => {
    const before = await q(`select * from return_settings order by region_code`);
    for (const who of [city, operator, await signIn(t.app, 'most_admin')]) expect((await who.put('/api/returns/settings', { monthly: false })).statusCode).toBe(403);
    expect((await operator.get('/api/returns/settings')).statusCode).toBe(403);
    expect((await province.put('/api/returns/settings', { monthly: 'yes' })).json().error.fields[0].field).toBe('body.monthly');
    expect(await q(`select * from return_settings order by region_code`)).toEqual(before);
    // Another province is unaffected by 辽宁's switch.
    expect((await (await signIn(t.app, 'nj_admin')).get('/api/returns/settings')).json().monthly).toBe(false);
  });
});
