/**
 * The platform-wide search over the demo history (filed 许昌 spaces with resources, unfiled demo
 * spaces with resources too): filters by region subtree, kind, category, keyword and a day's
 * availability; a fixed number of statements whatever the page; the demo's bookings as the
 * operators and the maker find them.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Agent } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { statementProbe } from '../../db/client.ts';
import { seedHistory } from '../../seed/history.ts';
import { loadActor } from '../identity/index.ts';
import { searchResources } from './service.ts';
import { beijingDay } from '../../shared/beijing-time.ts';
import { containsTerm } from '../../shared/validation/search.ts';
import { bookingResources } from './schema.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field, as the API's JSON
type Json = any;

let t: TestApp;
let maker: Agent;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  await seedHistory(t.ctx.db, t.config);
  maker = await signIn(t.app, 'maker_chen');
}, 600_000);
afterAll(() => t.close());

const search = async (query: string) => {
  const r = await maker.get(`/api/booking/resources/search?${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as Json;
};

describe('platform-wide resource search', () => {
  it('lists resources of filed spaces only', async () => {
    const all = await search('pageSize=100');
    const spaces = new Set(all.items.map((i: Json) => i.spaceName));
    expect(spaces.has('长葛智能装备众创空间')).toBe(true);
    // The demo's own spaces hold resources but no filing: not listed.
    expect(spaces.has('沈阳智能机器人专业化众创空间')).toBe(false);
    expect(all.total).toBe(all.items.length);
    // Pages in name order (then id), each resource once: the pages together are the whole list.
    const names = all.items.map((i: Json) => `${i.name}\u0000${i.id}`);
    expect(names).toEqual([...names].sort());
    const paged = [];
    for (let page = 1; page <= Math.ceil(all.total / 3); page++) paged.push(...(await search(`pageSize=3&page=${page}`)).items.map((i: Json) => i.id));
    expect(paged).toEqual(all.items.map((i: Json) => i.id));
  });

  it('filters by region subtree, kind, category and keyword', async () => {
    const changge = await search('regionCode=411082&pageSize=100');
    expect(changge.total).toBeGreaterThan(0);
    expect(changge.items.every((i: Json) => i.regionCode === '411082')).toBe(true);
    const henan = await search('regionCode=410000&pageSize=100');
    expect(henan.total).toBeGreaterThanOrEqual(changge.total);
    expect((await search('regionCode=210000')).total).toBe(0);
    const rooms = await search('kind=room&pageSize=100');
    expect(rooms.items.every((i: Json) => i.kind === 'room')).toBe(true);
    const printers = await search('category=3D%E6%89%93%E5%8D%B0&pageSize=100');
    expect(printers.items.length).toBeGreaterThan(0);
    expect(printers.items.every((i: Json) => i.category === '3D打印')).toBe(true);
    const keyword = await search(`q=${encodeURIComponent('示波')}`);
    expect(keyword.items.every((i: Json) => i.name.includes('示波'))).toBe(true);
    expect((await search(`q=${encodeURIComponent('%')}`)).total).toBe(0);
    const bad = await maker.get('/api/booking/resources/search?regionCode=999999');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('regionCode');
  });

  it("filters by the field: the space's key industry", async () => {
    const all = (await search('pageSize=100')).items as Json[];
    const fields = [...new Set(all.map((i) => i.industry as string))];
    // The demo's filed spaces with resources lie in several fields, so the filter has something to leave out.
    expect(fields.length).toBeGreaterThan(1);
    for (const field of fields) {
      const found = await search(`industry=${field}&pageSize=100`);
      expect(found.items.map((i: Json) => i.id)).toEqual(all.filter((i) => i.industry === field).map((i) => i.id));
    }
    const none = ['electronic_information', 'biotechnology', 'modern_agriculture', 'advanced_equipment', 'new_energy', 'new_materials', 'energy_saving', 'medicine_health', 'cultural_creative', 'modern_services'].find((f) => !fields.includes(f))!;
    expect((await search(`industry=${none}`)).total).toBe(0);
    const bad = await maker.get('/api/booking/resources/search?industry=robots');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('industry');
  });

  it('availability on a day leaves out resources closed by an outage', async () => {
    const outageDay = beijingDay(new Date(Date.now() + 9.5 * 86_400_000));
    const lasers = await search(`category=${encodeURIComponent('激光切割')}&pageSize=100`);
    const available = await search(`category=${encodeURIComponent('激光切割')}&day=${outageDay}&pageSize=100`);
    expect(lasers.total).toBeGreaterThan(0);
    expect(available.total).toBe(0);
  });

  it("availability on a day sums only that day's held minutes: partly booked stays, fully booked goes, cancelled frees it", async () => {
    // A weekday far beyond the demo's bookings, so only the rows written here count.
    let ahead = Date.now() + 300 * 86_400_000;
    while ([0, 6].includes(new Date(ahead + 8 * 3_600_000).getUTCDay())) ahead += 86_400_000;
    const day = beijingDay(new Date(ahead));
    const dow = (new Date(ahead + 8 * 3_600_000).getUTCDay() + 6) % 7;
    const before = await search(`day=${day}&pageSize=100`);
    const resource = before.items.find((i: Json) => i.openingHours[dow]);
    expect(resource, 'a resource open that weekday').toBeDefined();
    const { open, close } = resource.openingHours[dow] as { open: number; close: number };
    const listed = async () => (await search(`day=${day}&pageSize=100`)).items.some((i: Json) => i.id === resource.id);
    const [maker] = await t.ctx.database.query<{ id: string }>(`select id from users where username = 'maker_chen'`);
    const at = (minutes: number) => new Date(Date.parse(`${day}T00:00:00+08:00`) + minutes * 60_000).toISOString();
    const book = async (from: number, to: number) => {
      const [row] = await t.ctx.database.query<{ id: string }>(
        `insert into bookings (resource_id, space_id, user_id, user_group, status, starts_at, ends_at, held, check_in_token)
         values ($1, $2, $3, 'outside_maker', 'confirmed', $4, $5, tstzrange($4, $5, '[)'), md5(random()::text)) returning id`,
        [resource.id, resource.spaceId, maker!.id, at(from), at(to)],
      );
      return row!.id;
    };
    // The previous evening's booking running past midnight holds only its minutes inside the day.
    await book(-120, Math.min(open, 60));
    await book(open, open + 60);
    expect(await listed()).toBe(true);
    const rest = await book(open + 60, close);
    expect(await listed()).toBe(false);
    await t.ctx.database.query(`update bookings set status = 'cancelled' where id = $1`, [rest]);
    expect(await listed()).toBe(true);
    await t.ctx.database.query(`delete from bookings where resource_id = $1 and starts_at >= $2 and starts_at < $3`, [resource.id, at(-120), at(24 * 60)]);
  });

  it('runs a fixed number of statements whatever the page', async () => {
    const [row] = await t.ctx.database.query<{ id: string }>(`select id from users where username = 'maker_chen'`);
    const actor = (await loadActor(t.ctx.db, row!.id, 't'))!;
    const small = await statementProbe.count(() => searchResources(t.ctx.db, actor, { page: 1, pageSize: 2, day: beijingDay(new Date()) }));
    const large = await statementProbe.count(() => searchResources(t.ctx.db, actor, { page: 1, pageSize: 100, day: beijingDay(new Date()) }));
    expect(large.result.items.length).toBeGreaterThan(small.result.items.length);
    expect(large.statements).toBe(small.statements);
    expect(small.statements).toBeLessThanOrEqual(3);
  });
});

describe('keyword search through character pairs', () => {
  // Beside the demo's resources (3D 打印机, 示波器…), names with Latin letters in both cases, a percent
  // sign, and a near miss of it that an unescaped % or _ would match.
  const planted = [
    ['Keysight 数字示波器 DSOX1204G', '示波器'],
    ['恒温恒湿箱 95%RH', '环境试验'],
    ['恒温恒湿箱 95ARH', '环境试验'],
  ];
  let plantedIds: string[] = [];
  beforeAll(async () => {
    const [first] = (await search('pageSize=1')).items;
    const rows = await t.ctx.database.query<{ id: string }>(
      `insert into booking_resources (space_id, kind, name, category, location, fee_basis, fee_unit, price_fen, opening_hours)
        select r.space_id, r.kind, v.name, v.category, r.location, r.fee_basis, r.fee_unit, r.price_fen, r.opening_hours
        from booking_resources r, unnest($2::text[], $3::text[]) as v(name, category) where r.id = $1 returning id`,
      [first.id, planted.map(([name]) => name), planted.map(([, category]) => category)],
    );
    plantedIds = rows.map((r) => r.id);
  });
  afterAll(() => t.ctx.database.query('delete from booking_resources where id = any($1::uuid[])', [plantedIds]));

  const ids = async (q: string) => ((await search(`q=${encodeURIComponent(q)}&pageSize=100`)).items as Json[]).map((i) => i.id as string);

  it('finds exactly what ILIKE finds: two Chinese characters, part of a word, either case, spaces, % and _ as typed', async () => {
    const all = await search('pageSize=100');
    expect(all.total).toBe(all.items.length);
    const contains = (term: string) => (all.items as Json[]).filter((i) => `${i.name} ${i.category}`.toLowerCase().includes(term.toLowerCase())).map((i) => i.id as string);
    const terms = ['打印', '示波', '恒湿', '波器', '印机', 'keySIGHT', 'SiGh', 'fdm', 'Ke', 'd 打', '机 3d打', '95%', '5%R', '5_A', '%', '_', '印', 'x'];
    for (const term of terms) expect(await ids(term), term).toEqual(contains(term));
    // The terms above are not vacuous: each of these finds something, and only the literal text.
    for (const term of ['打印', '波器', 'keySIGHT', 'Ke', 'd 打', '机 3d打', '%']) expect((await ids(term)).length, term).toBeGreaterThan(0);
    expect(await ids('95%')).toEqual([plantedIds[1]]);
    expect(await ids('5_A')).toEqual([]);
  });

  it('looks a term without a trigram up in the pairs index; a single character or a longer term not', async () => {
    const plan = (term: string) =>
      t.ctx.db.transaction(async (tx) => {
        // The demo's few rows would be read whole anyway; the question is whether the index can serve.
        await tx.execute(sql`set local enable_seqscan = off`);
        const text = sql`(${bookingResources.name} || ' ' || ${bookingResources.category})`;
        const res = (await tx.execute(sql`explain select ${bookingResources.id} from ${bookingResources} where ${containsTerm(text, term)}`)) as unknown as { rows: Record<string, string>[] };
        return res.rows.map((r) => Object.values(r)[0]).join('\n');
      });
    // pg_trgm reads no trigram from these.
    for (const term of ['打印', '海天', 'Ke', 'd ']) expect(await plan(term), term).toContain('Bitmap Index Scan on booking_resources_search_pairs');
    expect(await plan('印')).not.toContain('booking_resources_search_pairs');
    expect(await plan('3D打印机')).toContain('Bitmap Index Scan on booking_resources_search_trgm');
  });

  it('char_pairs: the distinct lower-cased pairs; none for an empty or one-character text, NULL for NULL; never in parallel', async () => {
    const pairs = async (text: string | null) => (await t.ctx.database.query<{ p: string[] | null }>('select char_pairs($1::text) as p', [text]))[0]!.p?.sort();
    expect(await pairs(null)).toBeUndefined();
    expect(await pairs('')).toEqual([]);
    expect(await pairs('印')).toEqual([]);
    expect(await pairs('AbAB')).toEqual(['ab', 'ba']);
    expect(await pairs('3D 打印机')).toEqual([' 打', '3d', 'd ', '印机', '打印'].sort());
    expect(await pairs('50%_')).toEqual(['%_', '0%', '50']);
    // Parallel unsafe, so a keyword search is planned serially (migration 0066).
    expect(await t.ctx.database.query(`select proparallel from pg_proc where proname = 'char_pairs'`)).toEqual([{ proparallel: 'u' }]);
  });
});

describe('the demo bookings', () => {
  it('the robot space desk sees past and upcoming bookings; the maker sees theirs and a waitlist', async () => {
    const admin = await signIn(t.app, 'op_robot_admin');
    const [space] = await t.ctx.database.query<{ id: string }>(`select id from spaces where name = '沈阳智能机器人专业化众创空间'`);
    const resources = (await admin.get(`/api/booking/spaces/${space!.id}/resources`)).json();
    expect(resources.length).toBeGreaterThanOrEqual(5);
    const desk = (await admin.get(`/api/booking/spaces/${space!.id}/bookings?pageSize=100`)).json();
    const states = new Set(desk.items.map((b: Json) => b.status));
    expect(states.has('completed')).toBe(true);
    expect(states.has('confirmed')).toBe(true);
    const mine = (await maker.get('/api/booking/bookings/mine?pageSize=100')).json();
    expect(mine.items.some((b: Json) => b.status === 'no_show')).toBe(true);
    expect(mine.items.some((b: Json) => b.status === 'pending')).toBe(true);
    expect((await maker.get('/api/booking/waitlist/mine')).json()).toHaveLength(1);
  });
});
