/**
 * Booking through the real app: resources and rules by the operator, bookings by makers under their
 * group's rule, the exclusion constraint under 20 concurrent requests, approval, qualifications,
 * check-in by QR token, check-out and charges, vouchers, auto-release, strikes, waitlist offers,
 * usage and its export, isolation, and outsiders refused with nothing changed.
 */
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { Actor } from '../../shared/actor.ts';
import type { AuditContext } from '../audit/index.ts';
import { auditLog } from '../audit/schema.ts';
import { createAccountInTx, hashPassword, loadActor, users } from '../identity/index.ts';
import { notifications } from '../notify/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { insertBooking } from './repository.ts';
import { shanghaiAt } from './rules.ts';
import { bookingBans, bookingMembers, bookingQualifications, bookingResources, bookingRules, bookings, bookingSettings, bookingVouchers, bookingWaitlist } from './schema.ts';
import * as service from './service.ts';
import { beijingDay } from '../../shared/beijing-time.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field, as the API's JSON
type Json = any;

let t: TestApp;
let admin: Agent;
let staff: Agent;
let otherOperator: Agent;
let city: Agent;
let maker: Agent;
let makerB: Agent;
let robot: string;
let univ: string;
const actors: Record<string, Actor> = {};
const ctxOf = (a: Actor): AuditContext => ({ actorUserId: a.userId, actorUsername: a.username, actorOrgId: a.org.id, ip: null, requestId: null });

const MIN = 60_000;
const DAY = 1440 * MIN;
const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * MIN);
/** A Shanghai day `n` days from today. */
const dayAhead = (n: number) => beijingDay(new Date(Date.now() + n * DAY));
const slot = (n: number, hour: number, minutes = 60) => {
  const s = shanghaiAt(dayAhead(n), hour * 60);
  return { startsAt: s.toISOString(), endsAt: plus(s, minutes).toISOString() };
};
const allDay = Array.from({ length: 7 }, () => ({ open: 0, close: 1440 }));

const resourceBody = (over: Record<string, unknown> = {}) => ({
  kind: 'equipment',
  name: '工业级 3D 打印机',
  category: '3D打印',
  specs: { 成型尺寸: '300×300×400 mm', 材料: 'PLA/ABS/尼龙' },
  location: 'A 座 2 楼 原型工坊',
  feeBasis: 'cost_recovery',
  feeUnit: 'hour',
  priceFen: 6000,
  freeQuotaHours: 2,
  openingHours: allDay,
  ...over,
});
const ruleBody = (over: Record<string, unknown> = {}) => ({
  windowDays: 30,
  noticeMinutes: 60,
  minMinutes: 30,
  maxMinutes: 240,
  bufferMinutes: 15,
  dailyCapMinutes: 480,
  futureCap: 20,
  needsApproval: false,
  requiresQualification: false,
  ...over,
});

async function ok(res: Promise<{ statusCode: number; body: string; json: () => Json }>, status = 200): Promise<Json> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
}

/** Everything the booking tables hold, to show a refused request changed nothing. */
async function snapshot() {
  const db = t.ctx.db;
  return {
    resources: await db.select().from(bookingResources).orderBy(bookingResources.id),
    rules: await db.select().from(bookingRules).orderBy(bookingRules.resourceId, bookingRules.userGroup),
    bookings: await db.select().from(bookings).orderBy(bookings.id),
    waits: await db.select().from(bookingWaitlist).orderBy(bookingWaitlist.id),
    vouchers: await db.select().from(bookingVouchers).orderBy(bookingVouchers.id),
    members: await db.select().from(bookingMembers).orderBy(bookingMembers.userId),
    quals: await db.select().from(bookingQualifications).orderBy(bookingQualifications.userId),
    settings: await db.select().from(bookingSettings),
  };
}

/** Runs the release job a minute before, at and after the end of the (60-minute) grace: it acts once, at the end. */
async function releasedOnceAtGrace(b: { id: string; startsAt: string }) {
  const start = new Date(b.startsAt);
  for (const [minutes, acts] of [[59, false], [60, true], [61, false]] as const)
    expect(await service.releaseNoShow(t.ctx.db, { bookingId: b.id, startsAt: b.startsAt }, { now: plus(start, minutes) })).toBe(acts);
  return (await t.ctx.db.select().from(bookings).where(eq(bookings.id, b.id)))[0];
}

let printer: string;
let instrument: string;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  const db = t.ctx.db;
  const spaceId = async (name: string) => (await db.select().from(spaces).where(eq(spaces.name, name)))[0]!.id;
  robot = await spaceId('沈阳智能机器人专业化众创空间');
  univ = await spaceId('金陵理工生物医药专业化众创空间');
  const [chen] = await db.select().from(users).where(eq(users.username, 'maker_chen'));
  const orgId = (await loadActor(db, chen!.id, 't'))!.org.id;
  const hash = await hashPassword('Demo@2026');
  await db.transaction(async (tx) => {
    for (const username of ['maker_b', 'maker_c'])
      await createAccountInTx(tx, t.config, { actorUserId: null, actorUsername: 'test', actorOrgId: null, ip: null, requestId: null }, { username, displayName: `${username} 创客`, password: 'Demo@2026', orgId, roles: ['maker'], mustChangePassword: false }, hash);
  });
  [admin, staff, otherOperator, city, maker, makerB] = (await Promise.all(
    ['op_robot_admin', 'op_robot_staff', 'op_univ_admin', 'sy_admin', 'maker_chen', 'maker_b'].map((u) => signIn(t.app, u)),
  )) as [Agent, Agent, Agent, Agent, Agent, Agent];
  for (const u of ['op_robot_admin', 'op_robot_staff', 'maker_chen', 'maker_b', 'maker_c']) {
    const [row] = await db.select().from(users).where(eq(users.username, u));
    actors[u] = (await loadActor(db, row!.id, 't'))!;
  }
}, 300_000);
afterAll(() => t.close());

describe('resources and rules', () => {
  it('the operator admin creates resources and sets rules per group', async () => {
    const r = await ok(admin.post(`/api/booking/spaces/${robot}/resources`, resourceBody()), 201);
    printer = r.id;
    expect(r).toMatchObject({ name: '工业级 3D 打印机', priceFen: 6000, rules: [], canManage: true });
    for (const group of ['outside_maker', 'own_incubatee', 'host_staff']) await ok(admin.put(`/api/booking/resources/${printer}/rules/${group}`, ruleBody()));
    const i = await ok(admin.post(`/api/booking/spaces/${robot}/resources`, resourceBody({ kind: 'instrument', name: '数字示波器', category: '示波器', feeUnit: 'sample', priceFen: 1500, freeQuotaHours: 0 })), 201);
    instrument = i.id;
    const detail = await ok(admin.put(`/api/booking/resources/${instrument}/rules/outside_maker`, ruleBody({ needsApproval: true, requiresQualification: true })));
    expect(detail.rules).toHaveLength(1);
  });

  it('bad input is a 4xx naming the field', async () => {
    const bad = await admin.post(`/api/booking/spaces/${robot}/resources`, resourceBody({ openingHours: allDay.slice(0, 6) }));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('openingHours');
    const hours = await admin.post(`/api/booking/spaces/${robot}/resources`, resourceBody({ openingHours: [{ open: 600, close: 500 }, ...allDay.slice(1)] }));
    expect(hours.statusCode).toBe(400);
    expect(hours.json().error.fields[0].field).toBe('body.openingHours.0');
    const rule = await admin.put(`/api/booking/resources/${printer}/rules/outside_maker`, ruleBody({ minMinutes: 300, maxMinutes: 60 }));
    expect(rule.statusCode).toBe(400);
    expect(rule.json().error.fields[0].field).toBe('body.minMinutes');
    const unknown = await admin.post(`/api/booking/spaces/${robot}/resources`, { ...resourceBody(), owner: 'x' });
    expect(unknown.statusCode).toBe(400);
  });

  it('staff may not edit resources (403); another operator does not see the space (404)', async () => {
    expect((await staff.put(`/api/booking/resources/${printer}/rules/outside_maker`, ruleBody())).statusCode).toBe(403);
    expect((await otherOperator.get(`/api/booking/spaces/${robot}/resources`)).statusCode).toBe(404);
    expect((await otherOperator.get(`/api/booking/resources/${printer}`)).statusCode).toBe(404);
  });
});

describe('booking', () => {
  it('20 concurrent bookings of one slot: exactly one wins, the rest 409 时段已被预约', async () => {
    const s = slot(3, 10);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? makerB : maker).post(`/api/booking/resources/${printer}/bookings`, { ...s, purpose: '外壳打样' })));
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    for (const a of answers.filter((x) => x.statusCode === 409)) expect(a.json().error.message).toContain('时段已被预约');
    const held = await t.ctx.db.select().from(bookings).where(eq(bookings.resourceId, printer));
    expect(held).toHaveLength(1);
    expect(held[0]!.status).toBe('confirmed');
  });

  it('rule violations name the rule: 时长, 缓冲, 提前量, 预约窗口', async () => {
    const long = await maker.post(`/api/booking/resources/${printer}/bookings`, slot(4, 10, 300));
    expect(long.statusCode).toBe(400);
    expect(long.json().error.message).toContain('时长');
    expect(long.json().error.details.violations[0].rule).toBe('length');
    // The concurrent winner holds day 3, 10:00–11:00 (+15 min buffer).
    const tight = await maker.post(`/api/booking/resources/${printer}/bookings`, slot(3, 11, 60));
    expect(tight.statusCode).toBe(400);
    expect(tight.json().error.message).toContain('缓冲');
    const soon = new Date(Date.now() + 10 * MIN);
    const notice = await maker.post(`/api/booking/resources/${printer}/bookings`, { startsAt: soon.toISOString(), endsAt: plus(soon, 60).toISOString() });
    expect(notice.json().error.message).toContain('提前量');
    const far = await maker.post(`/api/booking/resources/${printer}/bookings`, slot(40, 10));
    expect(far.json().error.message).toContain('预约窗口');
    const bad = await maker.post(`/api/booking/resources/${printer}/bookings`, { startsAt: 'tomorrow', endsAt: slot(4, 10).endsAt });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('startsAt');
  });

  it('a group without a rule may not book; an authority is refused at the route', async () => {
    await ok(admin.delete(`/api/booking/resources/${printer}/rules/host_staff`));
    const r = await staff.post(`/api/booking/resources/${printer}/bookings`, slot(5, 10));
    expect(r.statusCode).toBe(403);
    expect(r.json().error.message).toContain('用户组');
    await ok(admin.put(`/api/booking/resources/${printer}/rules/host_staff`, ruleBody()));
    expect((await city.post(`/api/booking/resources/${printer}/bookings`, slot(5, 10))).statusCode).toBe(403);
  });

  it('the calendar shows taken time without personal data', async () => {
    const from = shanghaiAt(dayAhead(3), 0).toISOString();
    const to = shanghaiAt(dayAhead(4), 0).toISOString();
    const cal = await ok(makerB.get(`/api/booking/resources/${printer}/calendar?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`));
    expect(cal.taken).toHaveLength(1);
    expect(JSON.stringify(cal)).not.toContain('陈晨');
  });

  it('qualification and approval: refused without the training, pending after it, approved by staff', async () => {
    const s = slot(6, 14);
    const refused = await maker.post(`/api/booking/resources/${instrument}/bookings`, s);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('资质');
    await ok(staff.post(`/api/booking/resources/${instrument}/qualifications`, { userId: actors.maker_chen!.userId, expiresOn: dayAhead(60) }));
    const pending = await ok(maker.post(`/api/booking/resources/${instrument}/bookings`, s), 201);
    expect(pending.status).toBe('pending');
    const desk = await t.ctx.db.select().from(notifications).where(eq(notifications.userId, actors.op_robot_staff!.userId));
    expect(desk.some((n) => n.title.startsWith('预约待审批'))).toBe(true);
    expect((await maker.post(`/api/booking/bookings/${pending.id}/decision`, { approve: true })).statusCode).toBe(403);
    expect((await otherOperator.post(`/api/booking/bookings/${pending.id}/decision`, { approve: true })).statusCode).toBe(404);
    const approved = await ok(staff.post(`/api/booking/bookings/${pending.id}/decision`, { approve: true }));
    expect(approved.status).toBe('confirmed');
    const told = await t.ctx.db.select().from(notifications).where(eq(notifications.userId, actors.maker_chen!.userId));
    expect(told.some((n) => n.title.includes('预约已通过'))).toBe(true);
  });

  it('qualification expiry and lapse are checked at booking time', async () => {
    const db = t.ctx.db;
    const m = actors.maker_chen!;
    const when = shanghaiAt(dayAhead(61), 9 * 60);
    const start = plus(when, 24 * 60);
    await expect(service.book(db, m, ctxOf(m), instrument, { startsAt: start, endsAt: plus(start, 60) }, { now: when })).rejects.toMatchObject({ message: expect.stringContaining('已过期') });
    const later = new Date(Date.now() + 181 * DAY);
    await db.update(bookingQualifications).set({ expiresOn: '2099-12-31' }).where(eq(bookingQualifications.userId, m.userId));
    await expect(service.book(db, m, ctxOf(m), instrument, { startsAt: plus(later, 120), endsAt: plus(later, 180) }, { now: later })).rejects.toMatchObject({ message: expect.stringContaining('资质已失效') });
  });
});

describe("the maker's qualifications", () => {
  it('the maker sees each qualification with its space and state; it lapses by the space\'s setting; others see none of it', async () => {
    const mine = await ok(maker.get('/api/booking/qualifications/mine'));
    expect(mine).toEqual([
      expect.objectContaining({ resourceId: instrument, resourceName: '数字示波器', spaceId: robot, spaceName: '沈阳智能机器人专业化众创空间', expiresOn: '2099-12-31', state: 'valid' }),
    ]);
    const m = actors.maker_chen!;
    // Unused for longer than the space's lapse days (default 180; the space may set fewer).
    const later = new Date(new Date(mine[0].lastUsedAt).getTime() + 181 * DAY);
    expect((await service.myQualifications(t.ctx.db, m, { now: later }))[0]!.state).toBe('lapsed');
    await t.ctx.db.insert(bookingSettings).values({ spaceId: robot, strikeLimit: 3, strikeWindowDays: 90, banDays: 30, graceMinutes: 60, lateCancelMinutes: 1440, offerMinutes: 30, qualificationLapseDays: 30 });
    expect((await service.myQualifications(t.ctx.db, m, { now: new Date(new Date(mine[0].lastUsedAt).getTime() + 31 * DAY) }))[0]!.state).toBe('lapsed');
    await t.ctx.db.delete(bookingSettings).where(eq(bookingSettings.spaceId, robot));
    expect(await ok(makerB.get('/api/booking/qualifications/mine'))).toEqual([]);
    expect((await city.get('/api/booking/qualifications/mine')).statusCode).toBe(403);
    expect((await new Agent(t.app).get('/api/booking/qualifications/mine')).statusCode).toBe(401);
  });
});

describe('the database keeps bookings apart', () => {
  it('the exclusion constraint refuses an overlap of held ranges (buffer included) with 23P01, mapped to 409', async () => {
    const db = t.ctx.db;
    const m = actors.maker_chen!;
    const start = shanghaiAt(dayAhead(15), 8 * 60);
    const base = { resourceId: printer, spaceId: robot, userId: m.userId, userGroup: 'outside_maker' as const, status: 'confirmed' as const };
    await db.transaction((tx) => insertBooking(tx, { ...base, startsAt: start, endsAt: plus(start, 60), heldUntil: plus(start, 75), checkInToken: 'constraint-test-token-0001' }));
    // Starts inside the first one's buffer: refused by the database itself.
    const second = db.transaction((tx) => insertBooking(tx, { ...base, startsAt: plus(start, 70), endsAt: plus(start, 130), heldUntil: plus(start, 145), checkInToken: 'constraint-test-token-0002' }));
    await expect(second).rejects.toSatisfy((err: unknown) => service.violatedExclusion(err));
    // Cancelled bookings hold nothing.
    await db.update(bookings).set({ status: 'cancelled' }).where(eq(bookings.checkInToken, 'constraint-test-token-0001'));
    await db.transaction((tx) => insertBooking(tx, { ...base, startsAt: plus(start, 70), endsAt: plus(start, 130), heldUntil: plus(start, 145), checkInToken: 'constraint-test-token-0003' }));
    await db.update(bookings).set({ status: 'cancelled' }).where(eq(bookings.checkInToken, 'constraint-test-token-0003'));
  });
});

describe('moving, refusing, outages and settings', () => {
  it('the booker moves a booking within the rules; the staff refuse one waiting for approval', async () => {
    const b = await ok(maker.post(`/api/booking/resources/${printer}/bookings`, slot(16, 10)), 201);
    const moved = await ok(maker.post(`/api/booking/bookings/${b.id}/move`, { ...slot(16, 14), revision: b.revision }));
    expect(new Date(moved.startsAt).toISOString()).toBe(slot(16, 14).startsAt);
    expect((await maker.post(`/api/booking/bookings/${b.id}/move`, { ...slot(16, 16), revision: b.revision })).statusCode).toBe(409);
    // The old time is free again for someone else.
    await ok(makerB.post(`/api/booking/resources/${printer}/bookings`, slot(16, 10)), 201);
    const p = await ok(maker.post(`/api/booking/resources/${instrument}/bookings`, slot(17, 14)), 201);
    const refused = await ok(staff.post(`/api/booking/bookings/${p.id}/decision`, { approve: false, reason: '设备当天外借' }));
    expect(refused.status).toBe('rejected');
    expect((await staff.post(`/api/booking/bookings/${p.id}/decision`, { approve: true })).statusCode).toBe(409);
  });

  it('an outage blocks bookings over it (停机) until removed', async () => {
    const s = slot(18, 10);
    const detail = await ok(staff.post(`/api/booking/resources/${printer}/blackouts`, { startsAt: shanghaiAt(dayAhead(18), 0).toISOString(), endsAt: shanghaiAt(dayAhead(19), 0).toISOString(), reason: '喷头更换' }), 201);
    const r = await maker.post(`/api/booking/resources/${printer}/bookings`, s);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toContain('停机');
    await ok(staff.delete(`/api/booking/resources/${printer}/blackouts/${detail.blackouts[0].id}`));
    await ok(maker.post(`/api/booking/resources/${printer}/bookings`, s), 201);
  });

  it('settings and members: the admin saves, staff read, bad values name the field', async () => {
    const settings = { strikeLimit: 3, strikeWindowDays: 90, banDays: 30, graceMinutes: 30, lateCancelMinutes: 720, offerMinutes: 20, qualificationLapseDays: 120 };
    expect(await ok(admin.put(`/api/booking/spaces/${robot}/settings`, settings))).toEqual(settings);
    expect(await ok(staff.get(`/api/booking/spaces/${robot}/settings`))).toEqual(settings);
    expect((await staff.put(`/api/booking/spaces/${robot}/settings`, settings)).statusCode).toBe(403);
    const bad = await admin.put(`/api/booking/spaces/${robot}/settings`, { ...settings, graceMinutes: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('graceMinutes');
    const members = await ok(staff.get(`/api/booking/spaces/${robot}/members`));
    expect(members).toEqual([]);
    // Back to the defaults the later tests count on.
    await ok(admin.put(`/api/booking/spaces/${robot}/settings`, { ...settings, graceMinutes: 60, lateCancelMinutes: 1440, offerMinutes: 30, qualificationLapseDays: 180 }));
  });
});

describe('check-in, check-out, charges and vouchers', () => {
  let id: string;
  it('the kiosk checks in by the QR token; check-out records the time and the charge (free quota for own incubatees)', async () => {
    const db = t.ctx.db;
    await ok(admin.put(`/api/booking/spaces/${robot}/members/${actors.maker_b!.userId}`, { userGroup: 'own_incubatee' }));
    const b = await ok(makerB.post(`/api/booking/resources/${printer}/bookings`, slot(7, 9, 180)), 201);
    id = b.id;
    expect(b.userGroup).toBe('own_incubatee');
    expect(b.checkInToken).toBeTruthy();
    const s = actors.op_robot_staff!;
    const start = new Date(b.startsAt);
    await expect(service.checkInByToken(db, actors.op_univ_admin ?? s, ctxOf(s), 'x'.repeat(32), { now: start })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const inside = await service.checkInByToken(db, s, ctxOf(s), b.checkInToken, { now: plus(start, 5) });
    expect(inside.status).toBe('checked_in');
    await expect(service.checkIn(db, s, ctxOf(s), id, { now: plus(start, 6) })).rejects.toMatchObject({ code: 'STATE_CONFLICT' });
    const out = await service.checkOut(db, s, ctxOf(s), id, {}, { now: plus(start, 5 + 150) });
    // 150 minutes used, 120 free (2 h quota) ⇒ 30 minutes at 60 元/h = 30 元.
    expect(out).toMatchObject({ status: 'completed', usedMinutes: 150, freeMinutes: 120, chargeFen: 3000 });
  });

  it('vouchers: never more than the charge; one number once', async () => {
    const over = await staff.post(`/api/booking/bookings/${id}/vouchers`, { issuer: '沈阳市科学技术局', number: 'SYKJ-2026-0001', amountFen: 3001 });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.fields[0].field).toBe('body.amountFen');
    const done = await ok(staff.post(`/api/booking/bookings/${id}/vouchers`, { issuer: '沈阳市科学技术局', number: 'SYKJ-2026-0001', amountFen: 2000 }));
    expect(done.vouchersFen).toBe(2000);
    expect(done.vouchers).toHaveLength(1);
    expect((await staff.post(`/api/booking/bookings/${id}/vouchers`, { issuer: '沈阳市科学技术局', number: 'SYKJ-2026-0001', amountFen: 500 })).statusCode).toBe(409);
    expect((await maker.post(`/api/booking/bookings/${id}/vouchers`, { issuer: 'x', number: '1', amountFen: 1 })).statusCode).toBe(403);
  });

  it('usage in SQL and the Excel export with Chinese headers', async () => {
    const from = beijingDay(new Date());
    const to = dayAhead(30);
    const byResource = await ok(staff.get(`/api/booking/spaces/${robot}/usage?by=resource&from=${from}&to=${to}`));
    expect(byResource).toEqual([{ key: printer, label: '工业级 3D 打印机', bookings: 1, hours: 2.5, chargeFen: 3000, vouchersFen: 2000 }]);
    const res = await staff.get(`/api/booking/spaces/${robot}/usage.xlsx?from=${from}&to=${to}`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('资源名称');
    expect(sheet.getRow(2).getCell(4).value).not.toMatch(/^1\d{10}$/);
    expect(sheet.rowCount).toBe(2);
    expect((await otherOperator.get(`/api/booking/spaces/${robot}/usage.xlsx?from=${from}&to=${to}`)).statusCode).toBe(404);
    const figures = await service.bookingYearFigures(t.ctx.db, [robot], Number(dayAhead(7).slice(0, 4)));
    expect(figures[0]).toMatchObject({ spaceId: robot, hours: 2.5, completed: 1, chargeFen: 3000 });
  });
});

describe('no-shows, strikes, late cancellations', () => {
  it('auto-release after the grace is a no-show, idempotently', async () => {
    const b = await ok(maker.post(`/api/booking/resources/${printer}/bookings`, slot(8, 10)), 201);
    const row = await releasedOnceAtGrace(b);
    expect(row).toMatchObject({ status: 'no_show', strike: true });
    // The job was queued for the end of the grace.
    const jobs = await t.ctx.database.query<{ n: number }>(`select count(*)::int as n from pgboss.job where name = 'booking.release' and data->>'bookingId' = $1`, [b.id]);
    expect(jobs[0]!.n).toBe(1);
  });

  it('a late cancellation is a strike; more than 3 in 90 days bars booking for 30 days, with a notice', async () => {
    const db = t.ctx.db;
    const c = actors.maker_c!;
    const early = await service.book(db, c, ctxOf(c), printer, { startsAt: new Date(slot(20, 10).startsAt), endsAt: new Date(slot(20, 10).endsAt) });
    expect((await service.cancel(db, c, ctxOf(c), early.id, {})).strike).toBe(false);
    const strikes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const s = slot(9 + i, 10);
      const b = await service.book(db, c, ctxOf(c), printer, { startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) });
      if (i === 0) {
        const late = await service.cancel(db, c, ctxOf(c), b.id, {}, { now: plus(new Date(s.startsAt), -60) });
        expect(late.strike).toBe(true);
      } else {
        expect(await service.releaseNoShow(db, { bookingId: b.id, startsAt: s.startsAt }, { now: plus(new Date(s.startsAt), 61) })).toBe(true);
      }
      // Three strikes are allowed; the fourth is one too many.
      expect(await db.select().from(bookingBans).where(eq(bookingBans.userId, c.userId))).toHaveLength(i < 3 ? 0 : 1);
      strikes.push(b.id);
    }
    expect(await db.select().from(bookingBans).where(eq(bookingBans.userId, c.userId))).toHaveLength(1);
    const s = slot(21, 10);
    await expect(service.book(db, c, ctxOf(c), printer, { startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('暂停') });
    const told = await db.select().from(notifications).where(eq(notifications.userId, c.userId));
    expect(told.some((n) => n.title.startsWith('暂停预约'))).toBe(true);
  });

  it('the barred maker sees the ban (space, strikes, end) on GET /api/booking/bans/mine; others see none, outsiders are refused', async () => {
    const barred = await signIn(t.app, 'maker_c');
    const bans = await ok(barred.get('/api/booking/bans/mine'));
    expect(bans).toEqual([expect.objectContaining({ spaceId: robot, spaceName: '沈阳智能机器人专业化众创空间', strikes: 4 })]);
    const [ban] = await t.ctx.db.select().from(bookingBans).where(eq(bookingBans.userId, actors.maker_c!.userId));
    expect(new Date(bans[0].until)).toEqual(ban!.until);
    expect(bans[0].untilDay).toBe(beijingDay(ban!.until));
    // Once it ends it is no longer shown.
    expect(await service.myBans(t.ctx.db, actors.maker_c!, { now: plus(ban!.until, 1) })).toEqual([]);
    expect(await ok(makerB.get('/api/booking/bans/mine'))).toEqual([]);
    expect((await city.get('/api/booking/bans/mine')).statusCode).toBe(403);
    expect((await new Agent(t.app).get('/api/booking/bans/mine')).statusCode).toBe(401);
  });
});

describe('waitlist', () => {
  it('a freed slot is offered to the first waiter; an unanswered offer expires to the next; accepting books it', async () => {
    const db = t.ctx.db;
    const s = slot(14, 10);
    const held = await ok(maker.post(`/api/booking/resources/${printer}/bookings`, s), 201);
    expect((await makerB.post(`/api/booking/resources/${printer}/waitlist`, slot(14, 15))).statusCode).toBe(409);
    const first = await ok(makerB.post(`/api/booking/resources/${printer}/waitlist`, s), 201);
    const c = actors.maker_c!;
    await db.delete(bookingBans).where(eq(bookingBans.userId, c.userId));
    const second = await service.joinWaitlist(db, c, ctxOf(c), printer, { startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) });
    await ok(maker.post(`/api/booking/bookings/${held.id}/cancel`, {}));
    const offered = (await ok(makerB.get('/api/booking/waitlist/mine'))).find((w: Json) => w.id === first.id);
    expect(offered.status).toBe('offered');
    const until = new Date(offered.offeredUntil);
    expect(await service.expireOffer(db, { waitId: first.id }, { now: plus(until, -1) })).toBe(false);
    expect(await service.expireOffer(db, { waitId: first.id }, { now: until })).toBe(true);
    expect((await makerB.post(`/api/booking/waitlist/${first.id}/accept`)).statusCode).toBe(409);
    const [next] = await db.select().from(bookingWaitlist).where(eq(bookingWaitlist.id, second.id));
    expect(next!.status).toBe('offered');
    const booked = await service.acceptOffer(db, c, ctxOf(c), second.id);
    expect(booked.status).toBe('confirmed');
    const [done] = await db.select().from(bookingWaitlist).where(eq(bookingWaitlist.id, second.id));
    expect(done).toMatchObject({ status: 'accepted', bookingId: booked.id });
  });
});

describe('more of a booking\'s life', () => {
  const jobsOf = async (id: string) =>
    (await t.ctx.database.query<{ starts: string }>(`select data->>'startsAt' as starts from pgboss.job where name = 'booking.release' and data->>'bookingId' = $1 order by created_on`, [id])).map((j) => new Date(j.starts).toISOString());

  it('the release is queued at booking, pending or not; a move under an approval rule waits for approval again and the old release is stale; a sample-priced check-out needs the count', async () => {
    const db = t.ctx.db;
    const s = actors.op_robot_staff!;
    const pending = await ok(maker.post(`/api/booking/resources/${instrument}/bookings`, slot(22, 14)), 201);
    expect(pending.status).toBe('pending');
    expect(await jobsOf(pending.id)).toEqual([slot(22, 14).startsAt]);
    const approved = await ok(staff.post(`/api/booking/bookings/${pending.id}/decision`, { approve: true }));
    const moved = await ok(maker.post(`/api/booking/bookings/${pending.id}/move`, { ...slot(22, 16), revision: approved.revision }));
    expect(moved.status).toBe('pending');
    expect(await jobsOf(pending.id)).toEqual([slot(22, 14).startsAt, slot(22, 16).startsAt]);
    await ok(staff.post(`/api/booking/bookings/${pending.id}/decision`, { approve: true }));
    // The release queued for the old start finds another start and leaves the booking alone.
    expect(await service.releaseNoShow(db, { bookingId: pending.id, startsAt: slot(22, 14).startsAt }, { now: plus(new Date(slot(22, 16).startsAt), 90) })).toBe(false);
    const start = new Date(slot(22, 16).startsAt);
    // Check-in opens 30 minutes before the start and closes at the end.
    await expect(service.checkIn(db, s, ctxOf(s), pending.id, { now: plus(start, -31) })).rejects.toMatchObject({ code: 'WINDOW_CLOSED' });
    await expect(service.checkIn(db, s, ctxOf(s), pending.id, { now: plus(start, 60) })).rejects.toMatchObject({ code: 'WINDOW_CLOSED' });
    await service.checkIn(db, s, ctxOf(s), pending.id, { now: plus(start, -30) });
    const noCount = await staff.post(`/api/booking/bookings/${pending.id}/check-out`, {});
    expect(noCount.statusCode).toBe(400);
    expect(noCount.json().error.fields[0].field).toBe('body.samples');
    const out = await service.checkOut(db, s, ctxOf(s), pending.id, { samples: 3 }, { now: plus(start, 40) });
    expect(out).toMatchObject({ status: 'completed', usedMinutes: 70, samples: 3, chargeFen: 4500, freeMinutes: 0 });
  });

  it('a booking never approved is released at the end of the grace without a strike, and leaves the approvals', async () => {
    const db = t.ctx.db;
    const b = await ok(maker.post(`/api/booking/resources/${instrument}/bookings`, slot(23, 14)), 201);
    expect(b.status).toBe('pending');
    const row = await releasedOnceAtGrace(b);
    expect(row).toMatchObject({ status: 'rejected', strike: false });
    expect((await ok(staff.get(`/api/booking/spaces/${robot}/bookings?status=pending&pageSize=100`))).items.map((x: Json) => x.id)).not.toContain(b.id);
    const told = await db.select().from(notifications).where(eq(notifications.userId, actors.maker_chen!.userId));
    expect(told.some((n) => n.title.startsWith('预约未获审批'))).toBe(true);
  });

  it("an own incubatee's free hours are a month's, across bookings; outside makers pay from the first minute; usage by user, team and month", async () => {
    const db = t.ctx.db;
    const s = actors.op_robot_staff!;
    // Far ahead, so the months are fixed: 2030-03 and 2030-04 (Shanghai).
    const use = async (who: Actor, day: string, minutes: number) => {
      const start = shanghaiAt(day, 10 * 60);
      const b = await service.book(db, who, ctxOf(who), printer, { startsAt: start, endsAt: plus(start, minutes) }, { now: plus(start, -1440) });
      await service.checkIn(db, s, ctxOf(s), b.id, { now: start });
      return service.checkOut(db, s, ctxOf(s), b.id, {}, { now: plus(start, minutes) });
    };
    const b = actors.maker_b!;
    expect(await use(b, '2030-03-05', 90)).toMatchObject({ freeMinutes: 90, chargeFen: 0 });
    expect(await use(b, '2030-03-20', 60)).toMatchObject({ freeMinutes: 30, chargeFen: 3000 });
    expect(await use(b, '2030-04-02', 60)).toMatchObject({ freeMinutes: 60, chargeFen: 0 });
    expect(await use(actors.maker_chen!, '2030-04-03', 60)).toMatchObject({ freeMinutes: 0, chargeFen: 6000 });

    const byUser = await ok(staff.get(`/api/booking/spaces/${robot}/usage?by=user&from=2030-03-01&to=2030-05-01`));
    expect(byUser).toEqual([
      { key: actors.maker_b!.userId, label: 'maker_b 创客', bookings: 3, hours: 3.5, chargeFen: 3000, vouchersFen: 0 },
      { key: actors.maker_chen!.userId, label: actors.maker_chen!.displayName, bookings: 1, hours: 1, chargeFen: 6000, vouchersFen: 0 },
    ].sort((x, y) => (x.label < y.label ? -1 : 1)));
    const byMonth = await ok(staff.get(`/api/booking/spaces/${robot}/usage?by=month&from=2030-03-01&to=2030-05-01`));
    expect(byMonth).toEqual([
      { key: '2030-03', label: '2030-03', bookings: 2, hours: 2.5, chargeFen: 3000, vouchersFen: 0 },
      { key: '2030-04', label: '2030-04', bookings: 2, hours: 2, chargeFen: 6000, vouchersFen: 0 },
    ]);
    // maker_b is of 陈晨's team: the team's row sums both.
    const byTeam = await ok(staff.get(`/api/booking/spaces/${robot}/usage?by=team&from=2030-03-01&to=2030-05-01`));
    expect(byTeam).toEqual([{ key: actors.maker_chen!.org.id, label: actors.maker_chen!.org.name, bookings: 4, hours: 4.5, chargeFen: 9000, vouchersFen: 0 }]);
  });

  it('a move frees the old time for the first waiter; leaving an offer passes it to the next', async () => {
    const db = t.ctx.db;
    const c = actors.maker_c!;
    const held = await ok(maker.post(`/api/booking/resources/${printer}/bookings`, slot(27, 10)), 201);
    const first = await ok(makerB.post(`/api/booking/resources/${printer}/waitlist`, slot(27, 10)), 201);
    const second = await service.joinWaitlist(db, c, ctxOf(c), printer, { startsAt: new Date(slot(27, 10).startsAt), endsAt: new Date(slot(27, 10).endsAt) });
    await ok(maker.post(`/api/booking/bookings/${held.id}/move`, { ...slot(27, 14), revision: held.revision }));
    const status = async (id: string) => (await db.select().from(bookingWaitlist).where(eq(bookingWaitlist.id, id)))[0]!.status;
    expect(await status(first.id)).toBe('offered');
    expect(await status(second.id)).toBe('waiting');
    expect((await makerB.post(`/api/booking/waitlist/${first.id}/leave`)).statusCode).toBe(204);
    expect(await status(first.id)).toBe('cancelled');
    expect(await status(second.id)).toBe('offered');
    await service.leaveWaitlist(db, c, ctxOf(c), second.id);
    expect((await makerB.post(`/api/booking/waitlist/${first.id}/leave`)).statusCode).toBe(409);
  });

  it('a freed hour goes to the first waiter whose whole slot is now free, passing over an older one still partly taken', async () => {
    const db = t.ctx.db;
    const c = actors.maker_c!;
    const mine = await ok(maker.post(`/api/booking/resources/${printer}/bookings`, slot(28, 10)), 201);
    const later = await ok(staff.post(`/api/booking/resources/${printer}/bookings`, { startsAt: plus(new Date(slot(28, 11).startsAt), 15).toISOString(), endsAt: slot(28, 12).startsAt }), 201);
    // The older waiter wants 10:00–12:00, of which only 10:00–11:00 will be freed; the newer one wants 10:00–11:00.
    const older = await ok(makerB.post(`/api/booking/resources/${printer}/waitlist`, slot(28, 10, 120)), 201);
    const newer = await service.joinWaitlist(db, c, ctxOf(c), printer, { startsAt: new Date(slot(28, 10).startsAt), endsAt: new Date(slot(28, 10).endsAt) });
    await ok(maker.post(`/api/booking/bookings/${mine.id}/cancel`, {}));
    const status = async (id: string) => (await db.select().from(bookingWaitlist).where(eq(bookingWaitlist.id, id)))[0]!.status;
    expect(await status(older.id)).toBe('waiting');
    expect(await status(newer.id)).toBe('offered');
    // While that offer is open, freeing the rest offers nobody an overlapping slot; when it is left, the older one gets it.
    await ok(staff.post(`/api/booking/bookings/${later.id}/cancel`, {}));
    expect(await status(older.id)).toBe('waiting');
    await service.leaveWaitlist(db, c, ctxOf(c), newer.id);
    expect(await status(older.id)).toBe('offered');
    expect((await makerB.post(`/api/booking/waitlist/${older.id}/leave`)).statusCode).toBe(204);
  });
});

describe('isolation', () => {
  it('a maker sees only their bookings; another space sees none of this one\'s; mobiles masked', async () => {
    const mine = await ok(maker.get('/api/booking/bookings/mine'));
    expect(mine.items.every((b: Json) => b.userId === actors.maker_chen!.userId)).toBe(true);
    const theirs = await ok(makerB.get('/api/booking/bookings/mine'));
    const one = theirs.items[0];
    expect((await maker.get(`/api/booking/bookings/${one.id}`)).statusCode).toBe(404);
    expect((await otherOperator.get(`/api/booking/bookings/${one.id}`)).statusCode).toBe(404);
    expect((await otherOperator.get(`/api/booking/spaces/${robot}/bookings`)).statusCode).toBe(404);
    const desk = await ok(staff.get(`/api/booking/spaces/${robot}/bookings`));
    expect(desk.total).toBeGreaterThan(3);
    for (const b of desk.items) if (b.userMobile) expect(b.userMobile).toContain('*');
    const own = await ok(otherOperator.get(`/api/booking/spaces/${univ}/bookings`));
    expect(own.total).toBe(0);
  });

  it('every endpoint refuses an outsider and changes nothing', async () => {
    // One of maker_chen's: the outsiders below include maker_b, who must not be its booker.
    const someBooking = (await t.ctx.db.select().from(bookings).where(eq(bookings.userId, actors.maker_chen!.userId)).orderBy(bookings.id))[0]!;
    const wait = (await t.ctx.db.select().from(bookingWaitlist).orderBy(bookingWaitlist.id))[0]!;
    expect(wait.userId).not.toBe(actors.maker_chen!.userId);
    const s = slot(25, 10);
    const before = await snapshot();
    // Counted, not sliced: the sealer updates rows, so a table's order on PostgreSQL is not insertion order.
    const bookingActions = async () => (await t.ctx.db.select({ action: auditLog.action }).from(auditLog)).filter((a) => a.action.startsWith('booking.')).length;
    const auditBefore = await bookingActions();
    const cases: [Agent, 'get' | 'post' | 'put' | 'delete', string, unknown?][] = [
      [otherOperator, 'get', `/api/booking/spaces/${robot}/resources`],
      [otherOperator, 'post', `/api/booking/spaces/${robot}/resources`, resourceBody()],
      [otherOperator, 'get', `/api/booking/resources/${printer}`],
      [otherOperator, 'put', `/api/booking/resources/${printer}`, { ...resourceBody(), revision: 1 }],
      [otherOperator, 'put', `/api/booking/resources/${printer}/rules/outside_maker`, ruleBody()],
      [otherOperator, 'delete', `/api/booking/resources/${printer}/rules/outside_maker`],
      [otherOperator, 'post', `/api/booking/resources/${printer}/blackouts`, { ...s, reason: '设备检修' }],
      [otherOperator, 'delete', `/api/booking/resources/${printer}/blackouts/${printer}`],
      [otherOperator, 'get', `/api/booking/resources/${printer}/calendar?from=${encodeURIComponent(s.startsAt)}&to=${encodeURIComponent(s.endsAt)}`],
      [otherOperator, 'get', `/api/booking/resources/${printer}/qualifications`],
      [otherOperator, 'post', `/api/booking/resources/${printer}/qualifications`, { userId: actors.maker_chen!.userId, expiresOn: dayAhead(30) }],
      [otherOperator, 'post', `/api/booking/resources/${printer}/bookings`, s],
      [otherOperator, 'post', `/api/booking/resources/${printer}/waitlist`, s],
      [maker, 'post', `/api/booking/waitlist/${wait.id}/accept`],
      [maker, 'post', `/api/booking/waitlist/${wait.id}/leave`],
      [otherOperator, 'get', `/api/booking/spaces/${robot}/bookings`],
      [otherOperator, 'get', `/api/booking/bookings/${someBooking.id}`],
      [otherOperator, 'post', `/api/booking/bookings/${someBooking.id}/cancel`, {}],
      [makerB, 'post', `/api/booking/bookings/${someBooking.id}/move`, { ...s, revision: someBooking.revision }],
      [otherOperator, 'post', `/api/booking/bookings/${someBooking.id}/decision`, { approve: false }],
      [otherOperator, 'post', `/api/booking/bookings/${someBooking.id}/check-in`],
      [otherOperator, 'post', '/api/booking/check-in', { token: someBooking.checkInToken }],
      [otherOperator, 'post', `/api/booking/bookings/${someBooking.id}/check-out`, {}],
      [otherOperator, 'post', `/api/booking/bookings/${someBooking.id}/vouchers`, { issuer: '某局', number: 'X-1', amountFen: 1 }],
      [otherOperator, 'get', `/api/booking/spaces/${robot}/settings`],
      [otherOperator, 'put', `/api/booking/spaces/${robot}/settings`, { strikeLimit: 3, strikeWindowDays: 90, banDays: 30, graceMinutes: 60, lateCancelMinutes: 1440, offerMinutes: 30, qualificationLapseDays: 180 }],
      [otherOperator, 'get', `/api/booking/spaces/${robot}/members`],
      [otherOperator, 'put', `/api/booking/spaces/${robot}/members/${actors.maker_chen!.userId}`, { userGroup: 'own_incubatee' }],
      [otherOperator, 'get', `/api/booking/spaces/${robot}/usage?from=2026-01-01&to=2027-01-01`],
      [otherOperator, 'get', `/api/booking/spaces/${robot}/usage.xlsx?from=2026-01-01&to=2027-01-01`],
      [city, 'get', '/api/booking/resources/search'],
      [city, 'get', '/api/booking/bookings/mine'],
      [city, 'get', '/api/booking/waitlist/mine'],
      [city, 'get', '/api/booking/qualifications/mine'],
    ];
    for (const [agent, method, url, body] of cases) {
      const r = method === 'get' || method === 'delete' ? await agent[method](url) : await agent[method](url, body);
      expect([403, 404], `${method} ${url}: ${r.body}`).toContain(r.statusCode);
    }
    expect(await snapshot()).toEqual(before);
    // Refusals write no audit rows of their own actions (only what the log records of refused reads, if any).
    expect(await bookingActions()).toBe(auditBefore);
  });
});
