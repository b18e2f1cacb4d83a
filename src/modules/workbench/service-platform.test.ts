import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { statementProbe } from '../../db/client.ts';
import { bookingBlackouts, bookingResources, bookings } from '../booking/schema.ts';
import { evaluationFiguresOf } from '../evaluation/figures.ts';
import { spaceEvents } from '../events/schema.ts';
import { spaceFunds } from '../financing/schema.ts';
import { users } from '../identity/schema.ts';
import { coachingRelations, coachingSessions, mentors } from '../mentors/schema.ts';
import { CATALOGUE_2026 } from '../returns/catalogue-2026.ts';
import { periodOf } from '../returns/cadences.ts';
import { platformFigures } from '../returns/prefill.ts';
import { incubatees } from '../roster/schema.ts';
import { serviceOrders, spaceServices } from '../services/schema.ts';
import { spaces } from '../spaces/schema.ts';

/**
 * The service platform where it shows (issue 15): its records prefill the statistics return, the
 * operator's workbench counts its desk, and an authority sees its jurisdiction's aggregates — on a
 * small hand-counted fixture in the demo's three spaces (沈阳 robot with everything, 长葛 with one
 * resource, 南京 with nothing).
 */
let t: TestApp;
const as: Record<string, Agent> = {};
const id: Record<string, string> = {};

const HOUR = 3_600_000;
/** Today in Asia/Shanghai and its year. */
const today = new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10);
const Y = Number(today.slice(0, 4));
const currentMonth = Number(today.slice(5, 7));
/** The month the fixture's March-like bookings fall in: never the current one (today's own bookings stay apart). */
const M = currentMonth === 3 ? 5 : 3;
const MM = String(M).padStart(2, '0');
const at = (day: string, hh: number, mm = 0) => new Date(`${day}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+08:00`);
const dayStart = at(today, 0);

/** The opening hours of month M of a resource open `hoursByIsoDow` hours on each weekday (Monday = 1). */
const monthHours = (hoursByIsoDow: (dow: number) => number) => {
  let total = 0;
  for (let d = new Date(Date.UTC(Y, M - 1, 1)); d.getUTCMonth() === M - 1; d = new Date(d.getTime() + 24 * HOUR)) total += hoursByIsoDow(((d.getUTCDay() + 6) % 7) + 1);
  return total;
};

let tokens = 0;
function booking(resourceId: string, spaceId: string, userId: string, status: (typeof bookings.$inferInsert)['status'], startsAt: Date, endsAt: Date, extra: Partial<typeof bookings.$inferInsert> = {}) {
  tokens += 1;
  return { resourceId, spaceId, userId, userGroup: 'outside_maker' as const, status, startsAt, endsAt, held: `[${startsAt.toISOString()},${endsAt.toISOString()})`, checkInToken: `tok-${tokens}-${Math.random()}`, ...extra };
}

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  const db = t.ctx.db;
  for (const u of ['op_robot_admin', 'op_cg_admin', 'op_univ_admin', 'ln_admin', 'sy_admin', 'xc_admin', 'most_admin', 'maker_chen']) as[u] = await signIn(t.app, u);
  for (const [key, name] of [
    ['robot', '沈阳智能机器人专业化众创空间'],
    ['cg', '长葛创新工场众创空间'],
    ['park', '金陵理工生物医药专业化众创空间'],
  ] as const)
    id[key] = (await db.select({ id: spaces.id }).from(spaces).where(eq(spaces.name, name)))[0]!.id;
  const [maker] = await db.select({ id: users.id, orgId: users.orgId }).from(users).where(eq(users.username, 'maker_chen'));
  id.maker = maker!.id;
  id.makerOrg = maker!.orgId!;

  const weekdaysNineToFive = [0, 1, 2, 3, 4].map(() => ({ open: 540, close: 1020 }));
  const [r1] = await db
    .insert(bookingResources)
    .values({ spaceId: id.robot!, kind: 'equipment', name: '工业级3D打印机', category: '3D打印', location: 'A201', feeBasis: 'cost_recovery', feeUnit: 'hour', priceFen: 2500, openingHours: [...weekdaysNineToFive, null, null] })
    .returning();
  const [r2] = await db
    .insert(bookingResources)
    .values({ spaceId: id.cg!, kind: 'instrument', name: '金相显微镜', category: '检测仪器', location: '一楼', feeBasis: 'non_profit', feeUnit: 'hour', priceFen: 1000, openingHours: Array.from({ length: 7 }, () => ({ open: 480, close: 1200 })) })
    .returning();
  id.r1 = r1!.id;
  id.r2 = r2!.id;
  const day = `${Y}-${MM}-10`;
  await db.insert(bookings).values([
    // 沈阳, month M: two completed (2 h and 1.5 h used, 50 + 30 元), a no-show, a cancellation.
    booking(id.r1, id.robot!, id.maker, 'completed', at(day, 10), at(day, 12), { usedMinutes: 120, chargeFen: 5000 }),
    booking(id.r1, id.robot!, id.maker, 'completed', at(day, 13), at(day, 14, 30), { usedMinutes: 90, chargeFen: 3000 }),
    booking(id.r1, id.robot!, id.maker, 'no_show', at(day, 15), at(day, 16)),
    booking(id.r1, id.robot!, id.maker, 'cancelled', at(day, 16), at(day, 17)),
    // Last year: outside every figure of this one.
    booking(id.r1, id.robot!, id.maker, 'completed', at(`${Y - 1}-${MM}-10`, 10), at(`${Y - 1}-${MM}-10`, 12), { usedMinutes: 120, chargeFen: 5000 }),
    // Today: one confirmed, one checked in; a request waiting for approval tomorrow.
    booking(id.r1, id.robot!, id.maker, 'confirmed', new Date(dayStart.getTime() + HOUR), new Date(dayStart.getTime() + 2 * HOUR)),
    booking(id.r1, id.robot!, id.maker, 'checked_in', new Date(dayStart.getTime() + 2 * HOUR), new Date(dayStart.getTime() + 3 * HOUR), { checkedInAt: new Date(dayStart.getTime() + 2 * HOUR) }),
    booking(id.r1, id.robot!, id.maker, 'pending', new Date(dayStart.getTime() + 26 * HOUR), new Date(dayStart.getTime() + 27 * HOUR)),
    // 长葛, month M: one completed, 2 h.
    booking(id.r2, id.cg!, id.maker, 'completed', at(day, 9), at(day, 11), { usedMinutes: 120, chargeFen: 2000 }),
  ]);

  const [service] = await db.insert(spaceServices).values({ spaceId: id.robot!, name: '结构设计', kind: 'industrial_design', description: '产品结构设计', priceBasis: 'quote', leadDays: 10 }).returning();
  const order = (state: (typeof serviceOrders.$inferInsert)['state'], requestedAt: Date, extra: Partial<typeof serviceOrders.$inferInsert> = {}) => ({
    serviceId: service!.id,
    spaceId: id.robot!,
    requesterOrgId: id.makerOrg!,
    requesterUserId: id.maker!,
    state,
    requestNote: '需要结构设计',
    requestedAt,
    ...extra,
  });
  await db.insert(serviceOrders).values([
    order('delivered', at(`${Y}-03-05`, 10), { quotedFen: 100_000, deliveredAt: at(`${Y}-04-02`, 10) }),
    order('rated', at(`${Y - 1}-12-20`, 10), { quotedFen: 50_000, deliveredAt: at(`${Y}-01-15`, 10), rating: 5 }),
    order('requested', at(`${Y}-05-01`, 10)),
    order('quoted', at(`${Y}-05-02`, 10), { quotedFen: 20_000 }),
    order('accepted', at(`${Y}-05-03`, 10), { quotedFen: 30_000 }),
    order('cancelled', at(`${Y}-06-01`, 10)),
  ]);

  const [team] = await db.insert(incubatees).values({ spaceId: id.robot!, kind: 'team', name: '视觉检测团队', entryDate: `${Y - 1}-03-01`, statusDate: `${Y - 1}-03-01` }).returning();
  const mentor = (name: string, kind: 'industry' | 'startup' | 'technology', term: 'full_time' | 'part_time', active = true) => ({ spaceId: id.robot!, name, kind, term, affiliation: '某公司', active });
  const [m1, m2, m3] = await db.insert(mentors).values([mentor('周建国', 'industry', 'full_time'), mentor('李明', 'startup', 'part_time'), mentor('王芳', 'technology', 'part_time', false)]).returning();
  const relation = async (mentorId: string) => (await db.insert(coachingRelations).values({ spaceId: id.robot!, mentorId, incubateeId: team!.id, state: 'active' }).returning())[0]!.id;
  const [rel1, rel2, rel3] = [await relation(m1!.id), await relation(m2!.id), await relation(m3!.id)];
  const session = (relationId: string, mentorId: string, heldOn: string, durationMinutes: number) => ({ relationId, mentorId, spaceId: id.robot!, heldOn, topic: '商业计划', durationMinutes, outcome: '已修改' });
  await db.insert(coachingSessions).values([
    session(rel1, m1!.id, `${Y}-${MM}-10`, 60),
    session(rel1, m1!.id, today, 45),
    session(rel2, m2!.id, `${Y}-${MM}-11`, 90),
    session(rel2, m2!.id, `${Y - 1}-06-01`, 30),
    session(rel3, m3!.id, `${Y}-${MM}-12`, 30),
  ]);
  await db.insert(coachingRelations).values({ spaceId: id.robot!, mentorId: m2!.id, incubateeId: (await db.insert(incubatees).values({ spaceId: id.robot!, kind: 'team', name: '新团队', entryDate: today, statusDate: today }).returning())[0]!.id, state: 'pending' });
}, 300_000);
afterAll(() => t.close());

describe('the statistics return is prefilled from the service platform', () => {
  it('equals the hand-counted figures of the year, and leaves out what a space does not keep on the platform', async () => {
    const period = periodOf('annual', String(Y))!;
    const figures = await platformFigures(t.ctx.db, CATALOGUE_2026, [id.robot!, id.cg!, id.park!], period);
    // 沈阳: 2 h + 1.5 h used → 4 whole hours; orders requested in the year 5 (the one of last December not), delivered 2 for 1,000 + 500 元;
    // active mentors 2 (1 full-time, 1 part-time); sessions of the year 4 (the inactive mentor's too, last year's not).
    expect(figures.get(id.robot!)).toMatchObject({ shared_equipment_hours: 4, service_orders: 5, income_services: 1500, mentors: 2, mentors_fulltime: 1, mentors_parttime: 1, mentor_sessions: 4 });
    // 长葛 shares a resource (2 h) but keeps no services or mentors here: those stay unfilled, not zero.
    const cg = figures.get(id.cg!)!;
    expect(cg.shared_equipment_hours).toBe(2);
    for (const code of ['service_orders', 'income_services', 'mentors', 'mentor_sessions']) expect(cg[code], code).toBeUndefined();
    // 南京 keeps nothing of the service platform.
    for (const code of ['shared_equipment_hours', 'service_orders', 'income_services', 'mentors']) expect(figures.get(id.park!)![code], code).toBeUndefined();
  });

  it('follows the period: a quarter holds only its own bookings, orders and sessions', async () => {
    const quarter = Math.ceil(M / 3);
    const figures = await platformFigures(t.ctx.db, CATALOGUE_2026, [id.robot!], periodOf('quarterly', `${Y}Q${quarter}`)!);
    const robot = figures.get(id.robot!)!;
    expect(robot.shared_equipment_hours).toBe(4);
    const todayInQuarter = Math.ceil(currentMonth / 3) === quarter;
    expect(robot.mentor_sessions).toBe(3 + (todayInQuarter ? 1 : 0));
  });
});

describe('the statistics return is prefilled from the activity register and the funds (issue 16)', () => {
  it('counts held events of the period (trainings apart) and the funds registered, blank where a space keeps none', async () => {
    const db = t.ctx.db;
    type Row = typeof spaceEvents.$inferInsert;
    const event = (title: string, kind: Row['kind'], status: Row['status'], day: string, role: Row['role'] = 'host') => ({
      spaceId: id.cg!, title, kind, role, description: '测试活动', status, capacity: 30,
      startsAt: at(day, 14), endsAt: at(day, 16), signupOpensAt: at(day, 0), signupClosesAt: at(day, 12),
    });
    await db.insert(spaceEvents).values([
      event('创业培训', 'training', 'held', `${Y}-${MM}-05`),
      event('项目路演', 'roadshow', 'held', `${Y}-${MM}-12`, 'organiser'),
      event('联合沙龙', 'salon', 'held', `${Y}-${MM}-14`, 'joint'),
      event('取消的沙龙', 'salon', 'cancelled', `${Y}-${MM}-19`),
      event('去年的培训', 'training', 'held', `${Y - 1}-${MM}-05`),
    ]);
    await db.insert(spaceFunds).values([
      { spaceId: id.cg!, name: '长葛种子基金', kind: 'own', sizeYuan: 5_000_000, manager: '长葛创投', since: `${Y - 2}-01-01` },
      { spaceId: id.cg!, name: '合作天使基金', kind: 'partner', sizeYuan: 20_000_000, manager: '中原天使', since: `${Y - 1}-06-01` },
    ]);
    const figures = await platformFigures(db, CATALOGUE_2026, [id.cg!, id.park!], periodOf('annual', String(Y))!);
    // Three held this year whatever the space's role (one a training); the cancelled one and last year's do not count. Funds in 元.
    expect(figures.get(id.cg!)).toMatchObject({ activities: 3, trainings: 1, angel_fund_size: 25_000_000 });
    // A catalogue that asks for the events by the space's role (主办 / 承办 / 联合) is prefilled with them too.
    const byRole = {
      ...CATALOGUE_2026,
      indicators: [
        ...CATALOGUE_2026.indicators,
        ...(['host', 'organiser', 'joint'] as const).map((role) => ({ ...CATALOGUE_2026.indicators.find((i) => i.code === 'activities')!, code: `activities_${role}`, key: false, prefill: `events.role.${role}` })),
      ],
    };
    expect(await platformFigures(db, byRole, [id.cg!], periodOf('annual', String(Y))!)).toEqual(
      new Map([[id.cg!, expect.objectContaining({ activities: 3, activities_host: 1, activities_organiser: 1, activities_joint: 1 })]]),
    );
    for (const code of ['activities', 'trainings', 'angel_fund_size']) expect(figures.get(id.park!)![code], code).toBeUndefined();
    const other = Math.ceil(M / 3) + 1;
    const quarter = await platformFigures(db, CATALOGUE_2026, [id.cg!], periodOf('quarterly', `${Y}Q${other}`)!);
    expect(quarter.get(id.cg!)!.activities).toBeUndefined();
  });
});

describe('evaluation schemes read the service platform', () => {
  it('gives coaching sessions and completed bookings of the year as platform figures, absent where a space keeps none', async () => {
    const [robot, cg, park] = await evaluationFiguresOf(t.ctx.db, { spaceIds: [id.robot!, id.cg!, id.park!], year: Y });
    expect(robot!.platform).toMatchObject({ coaching_sessions: 4, bookings: 2 });
    expect(cg!.platform.bookings).toBe(1);
    expect(cg!.platform.coaching_sessions).toBeUndefined();
    expect(park!.platform.bookings).toBeUndefined();
    expect(park!.platform.coaching_sessions).toBeUndefined();
  });
});

interface DeskCard {
  kind: string;
  count: number;
  detail: Record<string, number>;
  link: string;
}
const desk = async (user: string) => {
  const res = await as[user]!.get('/api/workbench');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().desk as DeskCard[] | null;
};
const card = (cards: DeskCard[] | null, kind: string) => cards?.find((c) => c.kind === kind);

describe('the space’s desk on the workbench', () => {
  it('counts today’s bookings, approvals, check-ins, open orders and this month’s sessions, each linking to its page', async () => {
    const cards = await desk('op_robot_admin');
    expect(card(cards, 'bookings_today')).toMatchObject({ count: 2, detail: { inUse: 1 }, link: '/app/resources?tab=today' });
    expect(card(cards, 'approvals')).toMatchObject({ count: 1, link: '/app/resources?tab=approvals' });
    expect(card(cards, 'check_ins')).toMatchObject({ count: 1 });
    expect(card(cards, 'open_orders')).toMatchObject({ count: 3, detail: { toQuote: 1, quoted: 1, toDeliver: 1 }, link: '/app/services' });
    expect(card(cards, 'mentor_sessions')).toMatchObject({ count: 1, detail: { minutes: 45, activeMentors: 2, pendingRelations: 1 }, link: '/app/mentors?tab=sessions' });
  });

  it('another operator counts only its own; authorities and makers get no desk', async () => {
    const cg = await desk('op_cg_admin');
    expect(cg!.map((c) => c.count)).toEqual([0, 0, 0, 0, 0]);
    expect(await desk('ln_admin')).toBeNull();
    expect(await desk('maker_chen')).toBeNull();
  });

  it('costs the same number of statements with more bookings, orders and sessions', async () => {
    await as.op_robot_admin!.get('/api/workbench');
    const before = await statementProbe.count(() => as.op_robot_admin!.get('/api/workbench'));
    const db = t.ctx.db;
    const day = `${Y}-${MM}-20`;
    await db.insert(bookings).values([1, 2, 3].map((h) => booking(id.r1!, id.robot!, id.maker!, 'completed', at(day, 9 + h), at(day, 10 + h), { usedMinutes: 60, chargeFen: 0 })));
    const after = await statementProbe.count(() => as.op_robot_admin!.get('/api/workbench'));
    expect(after.statements).toBe(before.statements);
    await db.delete(bookings).where(eq(bookings.startsAt, at(day, 10)));
    await db.delete(bookings).where(eq(bookings.startsAt, at(day, 11)));
    await db.delete(bookings).where(eq(bookings.startsAt, at(day, 12)));
  });
});

interface Stats {
  year: number;
  regionName: string;
  totals: Record<string, number | null>;
  utilisation: { month: number; bookedHours: number; usedHours: number; openHours: number; utilisation: number | null }[];
  topResources: { resourceId: string; name: string; usedHours: number; bookings: number }[];
  services: { month: number; ordersRequested: number; ordersDelivered: number; incomeFen: number }[];
  coaching: { month: number; sessions: number; hours: number; mentors: number }[];
}
const stats = async (user: string, year = Y) => {
  const res = await as[user]!.get(`/api/platform-stats?year=${year}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Stats;
};

describe('an authority’s platform statistics', () => {
  it('Liaoning sees its spaces’ utilisation, top resources, orders and income, and coaching by month', async () => {
    const ln = await stats('ln_admin');
    expect(ln.regionName).toBe('辽宁省');
    const month = ln.utilisation.find((m) => m.month === M)!;
    const open = monthHours((dow) => (dow <= 5 ? 8 : 0));
    // Booked: 2 + 1.5 + the no-show's 1 (the cancellation frees its hour); used: 3.5.
    expect(month).toEqual({ month: M, bookedHours: 4.5, usedHours: 3.5, openHours: open, utilisation: Math.round((4.5 / open) * 1000) / 10 });
    expect(ln.topResources).toEqual([expect.objectContaining({ resourceId: id.r1, name: '工业级3D打印机', usedHours: 3.5, bookings: 2 })]);
    expect(ln.services.find((m) => m.month === 4)).toEqual({ month: 4, ordersRequested: 0, ordersDelivered: 1, incomeFen: 100_000 });
    expect(ln.services.find((m) => m.month === 1)).toMatchObject({ ordersDelivered: 1, incomeFen: 50_000 });
    expect(ln.services.find((m) => m.month === 5)).toMatchObject({ ordersRequested: 3, ordersDelivered: 0 });
    expect(ln.totals).toMatchObject({ ordersRequested: 5, ordersDelivered: 2, incomeFen: 150_000, mentors: 2, industryMentors: 1 });
    expect(ln.coaching.find((m) => m.month === M)).toEqual({ month: M, sessions: 3, hours: 3, mentors: 3 });
    expect(ln.utilisation).toHaveLength(12);
  });

  it('Xuchang sees only 长葛’s resource, the ministry both, and last year is another year', async () => {
    const xc = await stats('xc_admin');
    const open = monthHours(() => 12);
    expect(xc.utilisation.find((m) => m.month === M)).toEqual({ month: M, bookedHours: 2, usedHours: 2, openHours: open, utilisation: Math.round((2 / open) * 1000) / 10 });
    expect(xc.topResources.map((r) => r.resourceId)).toEqual([id.r2]);
    expect(xc.totals).toMatchObject({ ordersRequested: 0, incomeFen: 0, sessions: 0, mentors: 0 });
    const sy = await stats('sy_admin');
    expect(sy.topResources.map((r) => r.resourceId)).toEqual([id.r1]);
    const most = await stats('most_admin');
    expect(most.topResources.map((r) => r.resourceId)).toEqual([id.r1, id.r2]);
    expect(most.utilisation.find((m) => m.month === M)!.usedHours).toBe(5.5);
    const lastYear = await stats('ln_admin', Y - 1);
    expect(lastYear.topResources).toEqual([expect.objectContaining({ resourceId: id.r1, usedHours: 2, bookings: 1 })]);
    expect(lastYear.totals.incomeFen).toBe(0);
  });

  it('exports the charts’ tables as a workbook that opens, one sheet per chart, and audits the export', async () => {
    const res = await as.ln_admin!.get(`/api/platform-stats.xlsx?year=${Y}`);
    expect(res.statusCode, res.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['预约利用率', '设备使用排行', '服务订单与收入', '导师辅导']);
    const usage = book.getWorksheet('预约利用率')!;
    expect(usage.getRow(M + 1).getCell(1).value).toBe(`${M}月`);
    expect(usage.getRow(M + 1).getCell(3).value).toBe(3.5);
    expect(book.getWorksheet('设备使用排行')!.getRow(2).getCell(2).value).toBe('工业级3D打印机');
    expect(book.getWorksheet('服务订单与收入')!.getRow(5).getCell(4).value).toBe(1000);
    const [row] = await t.ctx.database.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'platform_stats.export'`);
    expect(row!.n).toBe(1);
    expect((await as.op_robot_admin!.get('/api/platform-stats.xlsx')).statusCode).toBe(403);
  });

  it('refuses operators, makers and the signed-out, names a bad year, and changes nothing', async () => {
    const audit = async () => (await t.ctx.database.query<{ n: number }>(`select count(*)::int as n from audit_log where action <> 'access.denied'`))[0]!.n;
    const before = await audit();
    for (const u of ['op_robot_admin', 'maker_chen']) {
      expect((await as[u]!.get('/api/platform-stats')).statusCode, u).toBe(403);
      expect((await as[u]!.get('/api/platform-stats.xlsx')).statusCode, u).toBe(403);
    }
    expect((await new Agent(t.app).get('/api/platform-stats')).statusCode).toBe(401);
    const bad = await as.ln_admin!.get('/api/platform-stats?year=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('querystring.year');
    expect(bad.json().error.message).toContain('年度');
    expect(await audit()).toBe(before);
    // The menu item is the authorities' only.
    expect((await as.ln_admin!.get('/api/me')).json().abilities['workbench.platform_stats']).toBe(true);
    expect((await as.op_robot_admin!.get('/api/me')).json().abilities['workbench.platform_stats']).toBe(false);
  });
});

describe('utilisation honours blackouts and outages', () => {
  it('subtracts each blackout’s overlap with the day’s opening window, once where two overlap, nothing outside it', async () => {
    const db = t.ctx.db;
    // The first Monday–Friday day of month M: r1 is open 09:00–17:00 then.
    let weekday = `${Y}-${MM}-01`;
    while ([0, 6].includes(new Date(`${weekday}T12:00:00+08:00`).getUTCDay())) weekday = `${Y}-${MM}-${String(Number(weekday.slice(8)) + 1).padStart(2, '0')}`;
    const before = (await stats('ln_admin')).utilisation.find((m) => m.month === M)!.openHours;
    expect(before).toBe(monthHours((dow) => (dow <= 5 ? 8 : 0)));
    const stops = await db
      .insert(bookingBlackouts)
      .values([
        // 08:00–11:00 counts from the 09:00 opening: 2 hours.
        { resourceId: id.r1!, startsAt: at(weekday, 8), endsAt: at(weekday, 11), reason: '校准' },
        // 10:00–12:30 overlaps the first: only 11:00–12:30 more, 1.5 hours.
        { resourceId: id.r1!, startsAt: at(weekday, 10), endsAt: at(weekday, 12, 30), reason: '停电' },
        // After closing: nothing.
        { resourceId: id.r1!, startsAt: at(weekday, 18), endsAt: at(weekday, 20), reason: '保养' },
      ])
      .returning();
    try {
      const after = (await stats('ln_admin')).utilisation.find((m) => m.month === M)!;
      expect(after.openHours).toBe(before - 3.5);
      // 长葛’s resource (another province, no blackout) is untouched.
      expect((await stats('xc_admin')).utilisation.find((m) => m.month === M)!.openHours).toBe(monthHours(() => 12));
    } finally {
      for (const s of stops) await db.delete(bookingBlackouts).where(eq(bookingBlackouts.id, s.id));
    }
  });
});

describe('a space’s Excel exports', () => {
  const load = async (res: { rawPayload: Buffer }) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return book.worksheets[0]!;
  };
  const exports = async () => (await t.ctx.database.query<{ n: number }>(`select count(*)::int as n from audit_log where action in ('service.orders.export', 'mentor.export')`))[0]!.n;

  it('gives the operator its orders and its mentors with this year’s sessions, contacts masked', async () => {
    const orders = await as.op_robot_admin!.get(`/api/services/spaces/${id.robot}/orders.xlsx`);
    expect(orders.statusCode, orders.body).toBe(200);
    const sheet = await load(orders);
    expect(sheet.name).toBe('服务订单');
    expect(sheet.rowCount).toBe(7);
    const states = Array.from({ length: 6 }, (_, i) => String(sheet.getRow(i + 2).getCell(5).value));
    expect(states.sort()).toEqual(['已交付', '已取消', '已评价', '待交付', '待报价', '待确认'].sort());
    const mentorsRes = await as.op_robot_admin!.get(`/api/mentors/spaces/${id.robot}/mentors.xlsx`);
    expect(mentorsRes.statusCode, mentorsRes.body).toBe(200);
    const mentorsSheet = await load(mentorsRes);
    const byName = new Map(Array.from({ length: mentorsSheet.rowCount - 1 }, (_, i) => mentorsSheet.getRow(i + 2)).map((r) => [String(r.getCell(1).value), r]));
    expect([...byName.keys()].sort()).toEqual(['周建国', '李明', '王芳'].sort());
    expect(byName.get('周建国')!.getCell(9).value).toBe(2);
    expect(byName.get('李明')!.getCell(9).value).toBe(1);
    // The province over the space reads them too.
    expect((await as.ln_admin!.get(`/api/mentors/spaces/${id.robot}/mentors.xlsx`)).statusCode).toBe(200);
  });

  it('refuses another operator (404), another province (404), a maker (403) and the signed-out, exporting nothing', async () => {
    const before = await exports();
    expect((await as.op_cg_admin!.get(`/api/services/spaces/${id.robot}/orders.xlsx`)).statusCode).toBe(404);
    expect((await as.op_cg_admin!.get(`/api/mentors/spaces/${id.robot}/mentors.xlsx`)).statusCode).toBe(404);
    expect((await as.xc_admin!.get(`/api/mentors/spaces/${id.robot}/mentors.xlsx`)).statusCode).toBe(404);
    expect((await as.maker_chen!.get(`/api/services/spaces/${id.robot}/orders.xlsx`)).statusCode).toBe(403);
    expect((await new Agent(t.app).get(`/api/mentors/spaces/${id.robot}/mentors.xlsx`)).statusCode).toBe(401);
    expect((await as.op_robot_admin!.get('/api/services/spaces/not-a-uuid/orders.xlsx')).statusCode).toBe(400);
    expect(await exports()).toBe(before);
  });
});
