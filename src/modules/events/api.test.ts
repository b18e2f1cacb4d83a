/**
 * Events through the real app: staff register and publish, sign-ups fill the seats and the waitlist
 * (a burst of concurrent sign-ups confirms exactly the capacity), a cancelled seat is offered to the
 * first waitlisted and expires on, check-in by token counts once and the offline replay is safe, a
 * held event enters the public record without personal data, the year's figures and the
 * authority's view per jurisdiction, and outsiders refused with nothing changed.
 */
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Agent } from '../../../test/helpers/agent.ts';
import { uploadFile } from '../../../test/helpers/journey.ts';
import { SAMPLE } from '../../../test/helpers/multipart.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { statementProbe } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import type { AuditContext } from '../audit/index.ts';
import { auditLog } from '../audit/schema.ts';
import { createAccountInTx, hashPassword, loadActor, users } from '../identity/index.ts';
import { mailOutbox, notifications } from '../notify/index.ts';
import { eventPhotos, eventSignups, MAX_EVENT_PHOTOS, spaceEvents } from './schema.ts';
import * as service from './service.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field, as the API's JSON
type Json = any;

let t: TestApp;
let admin: Agent;
let staff: Agent;
let otherOperator: Agent;
let maker: Agent;
let makerB: Agent;
let makerC: Agent;
let province: Agent;
let otherProvince: Agent;
let robot: string;
let formEvent: Json;
let past: Json;
let univ: string;
const actors: Record<string, Actor> = {};
const burst: Actor[] = [];
const ctxOf = (a: Actor): AuditContext => ({ actorUserId: a.userId, actorUsername: a.username, actorOrgId: a.org.id, ip: null, requestId: null });
const q = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => t.ctx.database.query<T>(sql, params);

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(Date.now() + ms).toISOString();

const eventBody = (over: Record<string, unknown> = {}) => ({
  title: '工业机器人离线编程培训',
  kind: 'training',
  role: 'host',
  partners: [],
  subField: '工业机器人',
  description: '面向在孵团队的离线编程与仿真实训。',
  place: 'A 座 2 楼 培训室',
  onlineUrl: null,
  startsAt: iso(10 * DAY),
  endsAt: iso(10 * DAY + 3 * HOUR),
  capacity: 2,
  signupOpensAt: iso(-DAY),
  signupClosesAt: iso(9 * DAY),
  needsApproval: false,
  ...over,
});

async function ok(res: Promise<{ statusCode: number; body: string; json: () => Json }>, status = 200): Promise<Json> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
}

async function snapshot() {
  const db = t.ctx.db;
  return {
    events: await db.select().from(spaceEvents).orderBy(spaceEvents.id),
    signups: await db.select().from(eventSignups).orderBy(eventSignups.id),
    photos: await db.select().from(eventPhotos).orderBy(eventPhotos.eventId, eventPhotos.position),
    audit: (await db.select({ action: auditLog.action }).from(auditLog)).filter((r) => r.action.startsWith('event.')).length,
  };
}

async function publishedEvent(agent: Agent, spaceId: string, over: Record<string, unknown> = {}) {
  const created = await ok(agent.post(`/api/events/spaces/${spaceId}`, eventBody(over)), 201);
  return ok(agent.post(`/api/events/${created.id}/publish`, { revision: created.revision }));
}

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  const db = t.ctx.db;
  const [r] = await q<{ id: string; operator_org_id: string }>(`select id, operator_org_id from spaces where name = '沈阳智能机器人专业化众创空间'`);
  const [u] = await q<{ id: string }>(`select id from spaces where name = '金陵理工生物医药专业化众创空间'`);
  robot = r!.id;
  univ = u!.id;
  // The 沈阳 space holds a provincial filing (the 金陵理工 one none): only filed spaces reach the public record.
  const [call] = await q<{ id: string; authority_org_id: string }>(`select c.id, c.authority_org_id from calls c join chains ch on ch.id = c.chain_id where ch.key = 'liaoning_province' limit 1`);
  const [list] = await q<{ id: string }>(
    `insert into filing_lists (call_id, stage_key, authority_org_id, kind, level, title, document_number, issued_on) values ($1, 'province_decision', $2, 'filing', 'province', '辽宁省众创空间备案名单', '辽科发〔2025〕1号', '2025-06-01') returning id`,
    [call!.id, call!.authority_org_id],
  );
  const [app] = await q<{ id: string }>(`insert into applications (call_id, space_id, operator_org_id, kind, status, stage_key, round, submitted_at) values ($1, $2, $3, 'filing', 'filed', 'province_decision', 1, now()) returning id`, [call!.id, robot, r!.operator_org_id]);
  await q(`insert into filings (space_id, level, application_id, list_id) values ($1, 'province', $2, $3)`, [robot, app!.id, list!.id]);

  const [chen] = await db.select().from(users).where(eq(users.username, 'maker_chen'));
  const orgId = (await loadActor(db, chen!.id, 't'))!.org.id;
  const hash = await hashPassword('Demo@2026');
  const names = ['maker_b', 'maker_c', ...Array.from({ length: 30 }, (_, i) => `burst_${i}`)];
  await db.transaction(async (tx) => {
    for (const username of names)
      await createAccountInTx(tx, t.config, { actorUserId: null, actorUsername: 'test', actorOrgId: null, ip: null, requestId: null }, { username, displayName: `${username} 创客`, password: 'Demo@2026', orgId, roles: ['maker'], mustChangePassword: false }, hash);
  });
  [admin, staff, otherOperator, maker, makerB, makerC, province, otherProvince] = (await Promise.all(
    ['op_robot_admin', 'op_robot_staff', 'op_univ_admin', 'maker_chen', 'maker_b', 'maker_c', 'ln_admin', 'js_admin'].map((name) => signIn(t.app, name)),
  )) as Agent[] as [Agent, Agent, Agent, Agent, Agent, Agent, Agent, Agent];
  for (const name of ['op_robot_staff', 'maker_chen', 'maker_b', 'maker_c', ...names.slice(2)]) {
    const [row] = await db.select().from(users).where(eq(users.username, name));
    const a = (await loadActor(db, row!.id, 't'))!;
    if (name.startsWith('burst_')) burst.push(a);
    else actors[name] = a;
  }
}, 300_000);
afterAll(() => t.close());

describe('registering and publishing', () => {
  it('staff register a draft, bad input names the field, and publish it', async () => {
    const bad = await staff.post(`/api/events/spaces/${robot}`, eventBody({ capacity: 0 }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('名额');
    const noPlace = await staff.post(`/api/events/spaces/${robot}`, eventBody({ place: null }));
    expect(noPlace.statusCode).toBe(400);
    expect(noPlace.json().error.fields[0].field).toBe('body.place');
    const joint = await staff.post(`/api/events/spaces/${robot}`, eventBody({ role: 'joint' }));
    expect(joint.json().error.fields[0].field).toBe('body.partners');
    const created = await ok(staff.post(`/api/events/spaces/${robot}`, eventBody({ role: 'joint', partners: ['东北大学机器人学院'] })), 201);
    expect(created.status).toBe('draft');
    // A draft is not seen by makers.
    expect((await maker.get(`/api/events/${created.id}`)).statusCode).toBe(404);
    const published = await ok(admin.post(`/api/events/${created.id}/publish`, { revision: created.revision }));
    expect(published.status).toBe('published');
    expect((await ok(maker.get(`/api/events/${created.id}`))).signupOpen).toBe(true);
    const list = await ok(staff.get(`/api/events/managed?sort=title&order=asc&pageSize=5`));
    expect(list.items.some((e: Json) => e.id === created.id)).toBe(true);
    const open = await ok(maker.get('/api/events/open'));
    expect(open.items.map((e: Json) => e.id)).toContain(created.id);
  });
});

describe('sign-ups, waitlist and offers', () => {
  it('fills the seats, waitlists the rest, offers a freed seat that expires on', async () => {
    const e = await publishedEvent(staff, robot);
    const a = await ok(maker.post(`/api/events/${e.id}/signups`, {}), 201);
    const b = await ok(makerB.post(`/api/events/${e.id}/signups`, {}), 201);
    const c = await ok(makerC.post(`/api/events/${e.id}/signups`, { note: '希望候补' }), 201);
    expect([a.status, b.status, c.status]).toEqual(['confirmed', 'confirmed', 'waitlisted']);
    expect(a.token).toBeTruthy();
    expect(c.token).toBeNull();
    expect(c.waitlistPlace).toBe(1);
    expect((await maker.post(`/api/events/${e.id}/signups`, {})).statusCode).toBe(409);
    // A confirmed seat cancelled: offered to the first waitlisted, the seat held for them.
    await ok(maker.post(`/api/events/signups/${a.id}/cancel`));
    const [offered] = await t.ctx.db.select().from(eventSignups).where(eq(eventSignups.id, c.id));
    expect(offered!.status).toBe('offered');
    expect((await t.ctx.db.select().from(spaceEvents).where(eq(spaceEvents.id, e.id)))[0]!.seatsTaken).toBe(2);
    const until = offered!.offeredUntil!;
    expect(await service.expireOffer(t.ctx.db, { signupId: c.id }, { now: new Date(until.getTime() - 1000) })).toBe(false);
    expect(await service.expireOffer(t.ctx.db, { signupId: c.id }, { now: until })).toBe(true);
    expect(await service.expireOffer(t.ctx.db, { signupId: c.id }, { now: until })).toBe(false);
    expect((await makerC.post(`/api/events/signups/${c.id}/accept`)).statusCode).toBe(409);
    // No one else waits: the seat is free again.
    expect((await t.ctx.db.select().from(spaceEvents).where(eq(spaceEvents.id, e.id)))[0]!.seatsTaken).toBe(1);
    // Signing up again takes it; then an accepted offer.
    const again = await ok(maker.post(`/api/events/${e.id}/signups`, {}), 201);
    expect(again.status).toBe('confirmed');
    const c2 = await ok(makerC.post(`/api/events/${e.id}/signups`, {}), 201);
    expect(c2.status).toBe('waitlisted');
    await ok(makerB.post(`/api/events/signups/${b.id}/cancel`));
    const accepted = await ok(makerC.post(`/api/events/signups/${c2.id}/accept`));
    expect(accepted.status).toBe('confirmed');
    expect(accepted.token).toBeTruthy();
    const mine = await ok(makerC.get('/api/events/signups/mine'));
    expect(mine.items.find((s: Json) => s.id === c2.id).event.title).toBe(e.title);
    const notified = await q<{ n: number }>(`select count(*)::int n from notifications where user_id = $1 and title like '候补名额已空出%'`, [actors.maker_c!.userId]);
    expect(notified[0]!.n).toBe(2);
  });

  it('an event with approval takes a seat only when staff approve', async () => {
    const e = await publishedEvent(staff, robot, { needsApproval: true, capacity: 1 });
    const a = await ok(maker.post(`/api/events/${e.id}/signups`, {}), 201);
    const b = await ok(makerB.post(`/api/events/${e.id}/signups`, {}), 201);
    expect(a.status).toBe('pending');
    expect((await ok(staff.post(`/api/events/signups/${a.id}/decide`, { approve: true }))).status).toBe('confirmed');
    expect((await ok(staff.post(`/api/events/signups/${b.id}/decide`, { approve: true }))).status).toBe('waitlisted');
    const list = await ok(staff.get(`/api/events/${e.id}/signups`));
    expect(list.items.map((s: Json) => s.status)).toEqual(['confirmed', 'waitlisted']);
    expect(list.items.every((s: Json) => s.token === null)).toBe(true);
    // Cancelled: everyone still signed up is told, and no one may sign up any more.
    const current = await ok(staff.get(`/api/events/${e.id}`));
    expect((await ok(staff.post(`/api/events/${e.id}/cancel`, { reason: '场地临时检修，活动取消', revision: current.revision }))).status).toBe('cancelled');
    const told = await q<{ n: number }>(`select count(*)::int n from notifications where title = $1`, [`活动已取消：${e.title}`]);
    expect(told[0]!.n).toBe(2);
    expect((await makerC.post(`/api/events/${e.id}/signups`, {})).statusCode).toBe(409);
  });

  it('a burst of concurrent sign-ups confirms exactly the capacity and waitlists the rest, without error', async () => {
    const e = await publishedEvent(staff, robot, { capacity: 10 });
    const results = await Promise.allSettled(burst.map((a) => service.signUp(t.ctx.db, a, ctxOf(a), e.id, {})));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const statuses = results.map((r) => (r as PromiseFulfilledResult<service.SignupView>).value.status);
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(10);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(burst.length - 10);
    const [row] = await t.ctx.db.select().from(spaceEvents).where(eq(spaceEvents.id, e.id));
    expect(row!.seatsTaken).toBe(10);
  });

  it('takes the seat and writes the sign-up in one statement: a sign-up runs a pinned number of statements', async () => {
    const e = await publishedEvent(staff, robot, { capacity: 1 });
    const [first, second] = burst;
    // The event read, the seat and the sign-up in one, the audit row (with the transaction's begin and
    // commit); the confirmed answer needs no read after the commit, the waitlisted one its place.
    const confirmed = await statementProbe.count(() => service.signUp(t.ctx.db, first!, ctxOf(first!), e.id, {}));
    const waitlisted = await statementProbe.count(() => service.signUp(t.ctx.db, second!, ctxOf(second!), e.id, {}));
    expect([confirmed.result.status, waitlisted.result.status]).toEqual(['confirmed', 'waitlisted']);
    expect(waitlisted.result.waitlistPlace).toBe(1);
    // 5 on PostgreSQL, 3 on PGlite (which runs begin and commit outside the probe); 8 and 6 before.
    expect(confirmed.statements).toBeLessThanOrEqual(5);
    expect(waitlisted.statements).toBe(confirmed.statements + 1);
  });
});

describe('the sign-up form', () => {
  const form = [
    { type: 'text', labelZh: '所在团队', required: true },
    { type: 'number', labelZh: '团队人数', required: false },
    { type: 'single', labelZh: '项目阶段', required: true, options: ['创意', '原型', '已有收入'] },
    { type: 'multi', labelZh: '希望对接', required: false, options: ['投资', '导师', '场地'] },
    { type: 'yesno', labelZh: '是否需要午餐', required: true },
  ];

  it('staff set it before the event; bad questions name the field', async () => {
    const e = await publishedEvent(staff, robot, { title: '带报名表的沙龙', kind: 'salon', capacity: 10 });
    const noOptions = await staff.put(`/api/events/${e.id}/form`, { fields: [{ type: 'single', labelZh: '阶段', required: true, options: ['仅一项'] }], revision: e.revision });
    expect(noOptions.statusCode).toBe(400);
    expect(noOptions.json().error.fields[0]).toMatchObject({ field: 'body.fields.0.options' });
    expect(noOptions.json().error.message).toContain('至少填写 2 个选项');
    const twice = await staff.put(`/api/events/${e.id}/form`, { fields: [form[0], form[0]], revision: e.revision });
    expect(twice.json().error.fields[0].field).toBe('body.fields.1.labelZh');
    const badType = await staff.put(`/api/events/${e.id}/form`, { fields: [{ type: 'date', labelZh: '日期', required: true }], revision: e.revision });
    expect(badType.statusCode).toBe(400);
    expect(badType.body).toContain('题型');
    const set = await ok(staff.put(`/api/events/${e.id}/form`, { fields: form, revision: e.revision }));
    expect(set.signupForm.map((f: Json) => f.labelZh)).toEqual(form.map((f) => f.labelZh));
    expect(set.signupForm[2].options).toEqual(['创意', '原型', '已有收入']);
    const [audited] = await q<{ n: number }>(`select count(*)::int n from audit_log where action = 'event.form' and object_id = $1`, [e.id]);
    expect(audited!.n).toBe(1);
    formEvent = set;
  });

  it('makers answer it; the server checks each answer and names the question', async () => {
    const keys = formEvent.signupForm.map((f: Json) => f.key);
    const missing = await maker.post(`/api/events/${formEvent.id}/signups`, { answers: { [keys[0]]: '机器人视觉团队' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields.map((f: Json) => f.field)).toEqual([`body.answers.${keys[2]}`, `body.answers.${keys[4]}`]);
    expect(missing.json().error.message).toContain('请回答“项目阶段”');
    const wrong = await maker.post(`/api/events/${formEvent.id}/signups`, { answers: { [keys[0]]: '团队', [keys[1]]: '三个', [keys[2]]: '成熟', [keys[3]]: ['投资', '投资'], [keys[4]]: true, stranger: 'x' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields.map((f: Json) => f.field).sort()).toEqual(['body.answers.stranger', `body.answers.${keys[1]}`, `body.answers.${keys[2]}`, `body.answers.${keys[3]}`].sort());
    expect((await snapshot()).signups.filter((r) => r.eventId === formEvent.id)).toHaveLength(0);
    const answers = { [keys[0]]: ' 机器人视觉团队 ', [keys[1]]: 4, [keys[2]]: '原型', [keys[3]]: ['投资', '导师'], [keys[4]]: false };
    const s = await ok(maker.post(`/api/events/${formEvent.id}/signups`, { answers }), 201);
    expect(s.answers).toEqual([
      { key: keys[0], labelZh: '所在团队', value: '机器人视觉团队' },
      { key: keys[1], labelZh: '团队人数', value: 4 },
      { key: keys[2], labelZh: '项目阶段', value: '原型' },
      { key: keys[3], labelZh: '希望对接', value: ['投资', '导师'] },
      { key: keys[4], labelZh: '是否需要午餐', value: false },
    ]);
    const list = await ok(staff.get(`/api/events/${formEvent.id}/signups`));
    expect(list.items[0].answers).toEqual(s.answers);
  });

  it('changing the form keeps the answers already given', async () => {
    const now = await ok(staff.get(`/api/events/${formEvent.id}`));
    const [team, , stage] = now.signupForm;
    // The stage question is reworded (kept by its key), the others dropped, a new one added.
    const changed = await ok(
      staff.put(`/api/events/${formEvent.id}/form`, { fields: [{ ...stage, labelZh: '项目所处阶段' }, { type: 'text', labelZh: '饮食禁忌', required: false }], revision: now.revision }),
    );
    expect(changed.signupForm.map((f: Json) => f.labelZh)).toEqual(['项目所处阶段', '饮食禁忌']);
    expect(changed.signupForm[0].key).toBe(stage.key);
    const unknown = await staff.put(`/api/events/${formEvent.id}/form`, { fields: [{ ...team, key: 'q_nosuchkey' }], revision: changed.revision });
    expect(unknown.json().error.fields[0].field).toBe('body.fields.0.key');
    const list = await ok(staff.get(`/api/events/${formEvent.id}/signups`));
    expect(list.items[0].answers.map((a: Json) => a.labelZh)).toEqual(['所在团队', '团队人数', '项目阶段', '希望对接', '是否需要午餐']);
    // Answering the new form: the old questions are no longer asked.
    const s = await ok(makerB.post(`/api/events/${formEvent.id}/signups`, { answers: { [stage.key]: '创意' } }), 201);
    expect(s.answers).toEqual([{ key: stage.key, labelZh: '项目所处阶段', value: '创意' }]);
  });
});

describe('the sign-up list export', () => {
  const readBook = async (res: { rawPayload: Buffer }) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return book.worksheets[0]!;
  };

  it('staff export every sign-up with its state and the form’s answers as columns; audited with the count only', async () => {
    const e = await publishedEvent(staff, robot, { title: '导出测试沙龙', kind: 'salon', capacity: 3 });
    const withForm = await ok(
      staff.put(`/api/events/${e.id}/form`, {
        fields: [
          { type: 'text', labelZh: '所在团队', required: false },
          { type: 'number', labelZh: '团队人数', required: false },
          { type: 'multi', labelZh: '希望对接', required: false, options: ['投资', '导师', '场地'] },
          { type: 'yesno', labelZh: '是否需要午餐', required: false },
        ],
        revision: e.revision,
      }),
    );
    const [team, size, wants, lunch] = withForm.signupForm.map((f: Json) => f.key);
    const a = await ok(maker.post(`/api/events/${e.id}/signups`, { note: '带两台样机', answers: { [team]: '机器人视觉团队', [size]: 4, [wants]: ['投资', '导师'], [lunch]: true } }), 201);
    const b = await ok(makerB.post(`/api/events/${e.id}/signups`, { answers: { [lunch]: false } }), 201);
    await service.signUp(t.ctx.db, burst[0]!, ctxOf(burst[0]!), e.id, {});
    await ok(makerC.post(`/api/events/${e.id}/signups`, {}), 201);
    await service.signUp(t.ctx.db, burst[1]!, ctxOf(burst[1]!), e.id, {});
    await ok(staff.post(`/api/events/${e.id}/checkin`, { token: a.token }));
    await ok(makerB.post(`/api/events/signups/${b.id}/cancel`));
    expect((await ok(makerC.get(`/api/events/${e.id}`))).mySignup.status).toBe('offered');
    // The team size is dropped from the form afterwards: its answer keeps a column of its own.
    const now = await ok(staff.get(`/api/events/${e.id}`));
    await ok(staff.put(`/api/events/${e.id}/form`, { fields: now.signupForm.filter((f: Json) => f.key !== size), revision: now.revision }));

    const res = await staff.get(`/api/events/${e.id}/signups.xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('导出测试沙龙-报名名单.xlsx'));
    const sheet = await readBook(res);
    expect(sheet.name).toBe('报名名单');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(['序号', '报名人', '状态', '候补顺位', '报名时间', '签到时间', '签到方式', '报名备注', '所在团队', '希望对接', '是否需要午餐', '团队人数（已删除）']);
    expect(sheet.getColumn(2).width).toBe(16);
    expect(sheet.rowCount).toBe(6);
    const rows = [2, 3, 4, 5, 6].map((n) => (sheet.getRow(n).values as unknown[]).slice(1));
    expect(rows.map((r) => r[1])).toEqual([actors.maker_chen!.displayName, 'maker_b 创客', 'burst_0 创客', 'maker_c 创客', 'burst_1 创客']);
    expect(rows.map((r) => r[2])).toEqual(['已签到', '已取消', '已确认', '候补名额待确认', '候补中']);
    expect(rows[4]![3]).toBe(1);
    expect(rows[0]!.slice(6)).toEqual(['扫码签到', '带两台样机', '机器人视觉团队', '投资、导师', '是', 4]);
    expect(rows[1]![10]).toBe('否');
    // Dates are the spreadsheet's dates, in Beijing time.
    const [row] = await t.ctx.db.select().from(eventSignups).where(eq(eventSignups.id, a.id));
    const signedUp = sheet.getRow(2).getCell(5);
    expect(signedUp.value).toBeInstanceOf(Date);
    expect((signedUp.value as Date).getTime()).toBe(row!.createdAt.getTime() + 8 * HOUR);
    expect(signedUp.numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(sheet.getRow(2).getCell(6).value).toBeInstanceOf(Date);
    expect(sheet.getRow(3).getCell(6).value).toBeNull();

    const [audited] = await q<{ detail: Json }>(`select detail from audit_log where action = 'event.signups.export' and object_id = $1`, [e.id]);
    expect(audited!.detail).toEqual({ rows: 5 });
  });

  it('an event without sign-ups gives the headers only', async () => {
    const e = await publishedEvent(staff, robot, { title: '无人报名的培训' });
    const sheet = await readBook(await staff.get(`/api/events/${e.id}/signups.xlsx`));
    expect(sheet.rowCount).toBe(1);
    expect(sheet.getRow(1).getCell(1).value).toBe('序号');
  });
});

describe('reminders', () => {
  it('reminds each confirmed participant once, not the cancelled or waitlisted, at the configured lead time', async () => {
    const e = await publishedEvent(staff, robot, { title: '提醒测试培训', capacity: 2, remindMinutes: 120 });
    const remindAt = new Date(new Date(e.startsAt).getTime() - 120 * 60_000).toISOString();
    const [job] = await q<{ start_after: Date }>(`select start_after from pgboss.job where name = 'events.remind' and data->>'eventId' = $1`, [e.id]);
    expect(job!.start_after.toISOString()).toBe(remindAt);
    const a = await ok(maker.post(`/api/events/${e.id}/signups`, {}), 201);
    const b = await ok(makerB.post(`/api/events/${e.id}/signups`, {}), 201);
    await ok(makerC.post(`/api/events/${e.id}/signups`, {}), 201);
    expect(a.status).toBe('confirmed');
    // maker_b cancels: maker_c is offered the seat (not confirmed yet), maker_b is not reminded.
    await ok(makerB.post(`/api/events/signups/${b.id}/cancel`));
    const mailsBefore = (await t.ctx.db.select().from(mailOutbox)).length;
    const at = new Date(new Date(remindAt).getTime() + 60_000);
    expect(await service.remindParticipants(t.ctx.db, { eventId: e.id, remindAt }, { now: at })).toBe(1);
    expect(await service.remindParticipants(t.ctx.db, { eventId: e.id, remindAt }, { now: at })).toBe(0);
    const told = await t.ctx.db.select().from(notifications).where(eq(notifications.title, '活动提醒：提醒测试培训'));
    expect(told.map((n) => n.userId)).toEqual([actors.maker_chen!.userId]);
    expect(told[0]!.body).toContain('A 座 2 楼 培训室');
    const [chen] = await t.ctx.db.select().from(users).where(eq(users.id, actors.maker_chen!.userId));
    expect((await t.ctx.db.select().from(mailOutbox)).length).toBe(mailsBefore + (chen!.email ? 1 : 0));
    const [audited] = await q<{ n: number }>(`select count(*)::int n from audit_log where action = 'event.remind' and object_id = $1`, [e.id]);
    expect(audited!.n).toBe(1);
    // A stale job (the start moved) and a job after the start send nothing.
    expect(await service.remindParticipants(t.ctx.db, { eventId: e.id, remindAt: new Date(0).toISOString() }, { now: at })).toBe(0);
    expect(await service.remindParticipants(t.ctx.db, { eventId: e.id, remindAt }, { now: new Date(new Date(e.startsAt).getTime() + 1) })).toBe(0);
  });

  it('moving the start queues a reminder at the new time; the default lead time is 24 h', async () => {
    const e = await publishedEvent(staff, robot, { title: '改期活动' });
    expect(e.remindMinutes).toBe(1440);
    const moved = await ok(staff.put(`/api/events/${e.id}`, { ...eventBody({ title: '改期活动', startsAt: iso(11 * DAY), endsAt: iso(11 * DAY + 3 * HOUR) }), revision: e.revision }));
    const jobs = await q<{ remind_at: string }>(`select data->>'remindAt' remind_at from pgboss.job where name = 'events.remind' and data->>'eventId' = $1 order by start_after`, [e.id]);
    expect(jobs.map((j) => j.remind_at)).toEqual([new Date(new Date(e.startsAt).getTime() - DAY).toISOString(), new Date(new Date(moved.startsAt).getTime() - DAY).toISOString()]);
    expect((await staff.put(`/api/events/${e.id}`, { ...eventBody(), remindMinutes: 5, revision: moved.revision })).json().error.fields[0].field).toBe('body.remindMinutes');
  });
});

describe('check-in, the held event and the public record', () => {
  let tokenA: string;
  let tokenB: string;

  it('checks a token in once; the offline replay is idempotent', async () => {
    const s = actors.op_robot_staff!;
    const created = await service.createEvent(t.ctx.db, s, ctxOf(s), robot, {
      ...(eventBody({ title: '智能制造项目路演', kind: 'roadshow', role: 'organiser', partners: ['沈阳市创投协会'], capacity: 5 }) as unknown as service.EventInput),
      startsAt: new Date(Date.now() - 3 * HOUR),
      endsAt: new Date(Date.now() - HOUR),
      signupOpensAt: new Date(Date.now() - 5 * DAY),
      signupClosesAt: new Date(Date.now() - 4 * HOUR),
    });
    const when = { now: new Date(Date.now() - 4 * DAY) };
    await service.publishEvent(t.ctx.db, s, ctxOf(s), created.id, { revision: created.revision }, when);
    const a = await service.signUp(t.ctx.db, actors.maker_chen!, ctxOf(actors.maker_chen!), created.id, {}, when);
    const b = await service.signUp(t.ctx.db, actors.maker_b!, ctxOf(actors.maker_b!), created.id, {}, when);
    tokenA = a.token!;
    tokenB = b.token!;
    const first = await ok(staff.post(`/api/events/${created.id}/checkin`, { token: tokenA }));
    expect(first).toMatchObject({ result: 'checked_in', attendance: 1 });
    const second = await ok(staff.post(`/api/events/${created.id}/checkin`, { token: tokenA }));
    expect(second).toMatchObject({ result: 'already', attendance: 1 });
    const scans = [
      { token: tokenB, scannedAt: iso(-2 * HOUR) },
      { token: tokenB, scannedAt: iso(-2 * HOUR + 60_000) },
      { token: tokenA, scannedAt: iso(-2 * HOUR) },
      { token: 'no-such-token-here', scannedAt: iso(-2 * HOUR) },
    ];
    const replay = await ok(staff.post(`/api/events/${created.id}/checkins/batch`, { scans }));
    expect(replay.results.map((r: Json) => r.result)).toEqual(['checked_in', 'already', 'already', 'unknown']);
    expect(replay.attendance).toBe(2);
    const again = await ok(staff.post(`/api/events/${created.id}/checkins/batch`, { scans }));
    expect(again.results.map((r: Json) => r.result)).toEqual(['already', 'already', 'already', 'unknown']);
    expect(again.attendance).toBe(2);
    // A token of another event is unknown here.
    const other = await publishedEvent(staff, robot, { title: '另一场活动' });
    expect((await ok(staff.post(`/api/events/${other.id}/checkin`, { token: tokenA }))).result).toBe('unknown');
    past = await ok(maker.get(`/api/events/${created.id}`));
  });

  it('held: the summary, the public record without personal data, and the year figures', async () => {
    expect((await staff.post(`/api/events/${past.id}/held`, { summary: '太短', revision: past.revision })).statusCode).toBe(400);
    const held = await ok(staff.post(`/api/events/${past.id}/held`, { summary: '六个项目完成路演，两家投资机构现场对接。', revision: past.revision }));
    expect(held.status).toBe('held');
    // A future event cannot be held.
    const future = await publishedEvent(staff, robot, { title: '未来活动' });
    expect((await staff.post(`/api/events/${future.id}/held`, { summary: '六个项目完成路演，两家投资机构现场对接。', revision: future.revision })).statusCode).toBe(409);
    // 金陵理工 holds an event too, but has no filing: not on the public record.
    const u = await ok(otherOperator.post(`/api/events/spaces/${univ}`, eventBody({ startsAt: iso(-3 * HOUR), endsAt: iso(-HOUR), signupOpensAt: iso(-5 * DAY), signupClosesAt: iso(-4 * HOUR) })), 201);
    const up = await ok(otherOperator.post(`/api/events/${u.id}/publish`, { revision: u.revision }));
    await ok(otherOperator.post(`/api/events/${u.id}/held`, { summary: '生物医药合规培训顺利举办。', revision: up.revision }));

    const res = await t.app.inject({ method: 'GET', url: `/api/public/activities?spaceId=${robot}` });
    expect(res.statusCode).toBe(200);
    const record = res.json();
    expect(record.total).toBe(1);
    expect(record.totalCapped).toBe(false);
    expect(record.items[0]).toMatchObject({ id: past.id, kind: 'roadshow', role: 'organiser', partners: ['沈阳市创投协会'], attendance: 2, spaceName: '沈阳智能机器人专业化众创空间' });
    const all = (await t.app.inject({ method: 'GET', url: '/api/public/activities' })).json();
    expect(all.items.map((i: Json) => i.id)).toEqual([past.id]);
    for (const secret of [tokenA, tokenB, actors.maker_chen!.userId, actors.maker_chen!.displayName, 'maker_chen', actors.op_robot_staff!.userId]) expect(res.body).not.toContain(secret);

    const year = Number(new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 4));
    const figures = await service.eventFigures(t.ctx.db, year, [robot, univ]);
    expect(figures.get(robot)).toMatchObject({ held: 1, professional: 1, attendance: 2, byKind: { roadshow: 1, training: 0 }, byRole: { organiser: 1, host: 0 } });
    expect(figures.get(univ)!.held).toBe(1);
    const exported = await service.publicActivities(t.ctx.db, { spaceId: robot });
    expect(exported.total).toBe(1);
  });

  it('after the event: staff rewrite the summary and add photos (JPG/PNG, capped, audited) shown on the public record', async () => {
    const before = await ok(staff.get(`/api/events/${past.id}`));
    const summary = await ok(staff.put(`/api/events/${past.id}/summary`, { summary: '六个项目完成路演，三家投资机构现场对接。', revision: before.revision }));
    expect(summary.summary).toBe('六个项目完成路演，三家投资机构现场对接。');
    expect((await staff.put(`/api/events/${past.id}/summary`, { summary: '短', revision: summary.revision })).json().error.fields[0].field).toBe('body.summary');
    const png = await uploadFile(staff, '路演现场.png', SAMPLE.png);
    const jpg = await uploadFile(staff, '合影.jpg', SAMPLE.jpeg);
    const pdf = await uploadFile(staff, '议程.pdf');
    const notImage = await staff.post(`/api/events/${past.id}/photos`, { fileId: pdf.id });
    expect(notImage.statusCode).toBe(400);
    expect(notImage.json().error.fields[0]).toMatchObject({ field: 'body.fileId', message: '照片仅限 JPG、PNG 图片' });
    await ok(staff.post(`/api/events/${past.id}/photos`, { fileId: png.id }), 201);
    const two = await ok(staff.post(`/api/events/${past.id}/photos`, { fileId: jpg.id }), 201);
    expect(two.photoIds).toEqual([png.id, jpg.id]);
    expect((await staff.post(`/api/events/${past.id}/photos`, { fileId: png.id })).statusCode).toBe(409);
    // A published (not yet held) event takes no photos.
    const future = await publishedEvent(staff, robot, { title: '尚未举办' });
    expect((await staff.post(`/api/events/${future.id}/photos`, { fileId: png.id })).statusCode).toBe(409);
    const [audited] = await q<{ n: number }>(`select count(*)::int n from audit_log where action = 'event.photo.add' and object_id = $1`, [past.id]);
    expect(audited!.n).toBe(2);

    const record = (await t.app.inject({ method: 'GET', url: `/api/public/activities?spaceId=${robot}` })).json();
    expect(record.items[0]).toMatchObject({ id: past.id, summary: '六个项目完成路演，三家投资机构现场对接。', photoIds: [png.id, jpg.id] });
    const served = await t.app.inject({ method: 'GET', url: `/api/public/activities/${past.id}/photos/${jpg.id}` });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toContain('image/jpeg');
    // The space's public page carries the photos with the record.
    const page = (await t.app.inject({ method: 'GET', url: `/api/portal/spaces/${robot}` })).json();
    expect(page.activities.find((a: Json) => a.id === past.id)?.photoIds).toEqual([png.id, jpg.id]);
    // Not a photo of this event, or an event off the record: 404.
    expect((await t.app.inject({ method: 'GET', url: `/api/public/activities/${past.id}/photos/${pdf.id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/activities/${future.id}/photos/${png.id}` })).statusCode).toBe(404);

    // Staff reorder them; the public record follows. The list must name each photo once.
    for (const fileIds of [[jpg.id], [jpg.id, jpg.id], [jpg.id, pdf.id]]) {
      const bad = await staff.put(`/api/events/${past.id}/photos`, { fileIds });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields[0]).toMatchObject({ field: 'body.fileIds', message: '应列出该活动的每张照片各一次' });
    }
    expect((await ok(staff.put(`/api/events/${past.id}/photos`, { fileIds: [jpg.id, png.id] }))).photoIds).toEqual([jpg.id, png.id]);
    const reordered = (await t.app.inject({ method: 'GET', url: `/api/public/activities?spaceId=${robot}` })).json();
    expect(reordered.items[0].photoIds).toEqual([jpg.id, png.id]);
    const [reorderAudit] = await q<{ n: number }>(`select count(*)::int n from audit_log where action = 'event.photo.reorder' and object_id = $1`, [past.id]);
    expect(reorderAudit!.n).toBe(1);
    // A not-yet-held event has no photos to order.
    expect((await staff.put(`/api/events/${future.id}/photos`, { fileIds: [] })).statusCode).toBe(409);

    const removed = await ok(staff.delete(`/api/events/${past.id}/photos/${png.id}`));
    expect(removed.photoIds).toEqual([jpg.id]);
    expect((await t.ctx.db.select().from(eventPhotos).where(eq(eventPhotos.eventId, past.id))).map((p) => p.position)).toEqual([1]);
    // The cap: MAX_EVENT_PHOTOS in all.
    for (let i = 1; i < MAX_EVENT_PHOTOS; i += 1) await ok(staff.post(`/api/events/${past.id}/photos`, { fileId: (await uploadFile(staff, `现场${i}.png`, SAMPLE.png)).id }), 201);
    const over = await staff.post(`/api/events/${past.id}/photos`, { fileId: png.id });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.message).toContain(`最多 ${MAX_EVENT_PHOTOS} 张`);
  });

  it('the authority sees its jurisdiction only, flagging spaces below five professional events', async () => {
    const year = Number(new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 4));
    const ln = await ok(province.get(`/api/events/jurisdiction?year=${year}`));
    expect(ln.items.map((i: Json) => i.spaceId)).toEqual([robot]);
    expect(ln.items[0]).toMatchObject({ held: 1, professional: 1, roadshow: 1, attendance: 2, belowMinimum: true });
    expect(ln.totals).toMatchObject({ spaces: 1, below: 1 });
    const below = await ok(province.get(`/api/events/jurisdiction?year=${year}&belowOnly=true`));
    expect(below.total).toBe(1);
    const js = await ok(otherProvince.get(`/api/events/jurisdiction?year=${year}`));
    expect(js.items.map((i: Json) => i.spaceId)).not.toContain(robot);
    expect((await maker.get(`/api/events/jurisdiction?year=${year}`)).statusCode).toBe(403);
    expect((await province.get(`/api/events/jurisdiction?year=abc`)).statusCode).toBe(400);
  });
});

describe('keyword search', () => {
  // Titles of their own: the robot space is 沈阳智能机器人专业化众创空间, the other 金陵理工生物医药专业化众创空间.
  let roadshow: Json;
  let percent: Json;
  let underscore: Json;
  let univRoadshow: Json;
  beforeAll(async () => {
    roadshow = await publishedEvent(staff, robot, { title: '青创项目路演日' });
    percent = await publishedEvent(staff, robot, { title: '留存率 100% 的秘诀分享会' });
    underscore = await publishedEvent(staff, robot, { title: 'AI_Agent 工作坊' });
    univRoadshow = await publishedEvent(otherOperator, univ, { title: '生物医药项目路演' });
  });
  const ids = async (agent: Agent, path: string, q: string): Promise<string[]> => (await ok(agent.get(`${path}?q=${encodeURIComponent(q)}&pageSize=100`))).items.map((e: Json) => e.id);

  it('a two-character term matches titles, on the open list and within the operator’s own', async () => {
    const open = await ids(maker, '/api/events/open', '路演');
    expect(open).toEqual(expect.arrayContaining([roadshow.id, univRoadshow.id]));
    expect(open).not.toContain(percent.id);
    const own = await ids(staff, '/api/events/managed', '路演');
    expect(own).toContain(roadshow.id);
    expect(own).not.toContain(univRoadshow.id);
    expect(await ids(maker, '/api/events/open', '项目路演')).toEqual(expect.arrayContaining([roadshow.id, univRoadshow.id]));
    expect(await ids(maker, '/api/events/open', '青创项目路演')).toEqual([roadshow.id]);
  });

  it('a term in the space’s name finds its events whatever their titles, short or long', async () => {
    const allRobot = (await ok(maker.get(`/api/events/open?spaceId=${robot}&pageSize=100`))).items.map((e: Json) => e.id).sort();
    expect(allRobot).toContain(roadshow.id);
    for (const term of ['智能机器人', '沈阳', '机器']) expect((await ids(maker, '/api/events/open', term)).sort(), term).toEqual(allRobot);
    expect(await ids(maker, '/api/events/open', '生物医药专业化')).toEqual([univRoadshow.id]);
    expect(await ids(otherOperator, '/api/events/managed', '智能机器人')).toEqual([]);
  });

  it('% and _ are searched for literally', async () => {
    expect(await ids(maker, '/api/events/open', '%')).toEqual([percent.id]);
    expect(await ids(maker, '/api/events/open', '100%')).toEqual([percent.id]);
    expect(await ids(maker, '/api/events/open', '_')).toEqual([underscore.id]);
    expect(await ids(staff, '/api/events/managed', 'AI_Agent')).toEqual([underscore.id]);
    expect(await ids(staff, '/api/events/managed', 'AI_')).toEqual([underscore.id]);
    expect(await ids(maker, '/api/events/open', '路_')).toEqual([]);
  });
});

describe('outsiders', () => {
  it('are refused and nothing changes', async () => {
    const e = await publishedEvent(staff, robot, { title: '外人测试活动', capacity: 1 });
    const s = await ok(maker.post(`/api/events/${e.id}/signups`, {}), 201);
    const w = await ok(makerB.post(`/api/events/${e.id}/signups`, {}), 201);
    const draft = await ok(staff.post(`/api/events/spaces/${robot}`, eventBody({ title: '草稿活动' })), 201);
    const foreignPhoto = await uploadFile(otherOperator, '别家.png', SAMPLE.png);
    past = await ok(staff.get(`/api/events/${past.id}`));
    const pastPhoto = past.photoIds[0];
    const before = await snapshot();
    const cases: [Agent, 'get' | 'post' | 'put' | 'delete', string, unknown?, number?][] = [
      [otherOperator, 'post', `/api/events/spaces/${robot}`, eventBody(), 404],
      [maker, 'post', `/api/events/spaces/${robot}`, eventBody(), 403],
      [otherOperator, 'put', `/api/events/${e.id}`, { ...eventBody(), revision: e.revision }, 404],
      [otherOperator, 'post', `/api/events/${draft.id}/publish`, { revision: draft.revision }, 404],
      [maker, 'post', `/api/events/${draft.id}/publish`, { revision: draft.revision }, 403],
      [otherOperator, 'post', `/api/events/${e.id}/cancel`, { reason: '不想办了', revision: e.revision }, 404],
      [otherOperator, 'post', `/api/events/${e.id}/held`, { summary: '这是一段足够长的总结文字。', revision: e.revision }, 404],
      [otherOperator, 'get', `/api/events/${e.id}/signups`, undefined, 404],
      [maker, 'get', `/api/events/${e.id}/signups`, undefined, 403],
      [otherOperator, 'post', `/api/events/${e.id}/checkin`, { token: s.token }, 404],
      [maker, 'post', `/api/events/${e.id}/checkin`, { token: s.token }, 403],
      [otherOperator, 'post', `/api/events/${e.id}/checkins/batch`, { scans: [{ token: s.token, scannedAt: iso(0) }] }, 404],
      [makerB, 'post', `/api/events/signups/${s.id}/cancel`, undefined, 404],
      [otherOperator, 'post', `/api/events/signups/${s.id}/cancel`, undefined, 404],
      [maker, 'post', `/api/events/signups/${w.id}/accept`, undefined, 404],
      [otherOperator, 'post', `/api/events/signups/${w.id}/decide`, { approve: true }, 404],
      [maker, 'get', `/api/events/${draft.id}`, undefined, 404],
      [otherOperator, 'post', `/api/events/${draft.id}/signups`, {}, 404],
      [maker, 'get', '/api/events/managed', undefined, 403],
      [otherProvince, 'get', `/api/events/managed`, undefined, 403],
      [otherOperator, 'put', `/api/events/${e.id}/form`, { fields: [{ type: 'text', labelZh: '团队', required: true }], revision: e.revision }, 404],
      [maker, 'put', `/api/events/${e.id}/form`, { fields: [], revision: e.revision }, 403],
      [otherOperator, 'put', `/api/events/${past.id}/summary`, { summary: '这是一段足够长的总结文字。', revision: past.revision }, 404],
      [maker, 'put', `/api/events/${past.id}/summary`, { summary: '这是一段足够长的总结文字。', revision: past.revision }, 403],
      [otherOperator, 'post', `/api/events/${past.id}/photos`, { fileId: foreignPhoto.id }, 404],
      [maker, 'post', `/api/events/${past.id}/photos`, { fileId: foreignPhoto.id }, 403],
      [otherOperator, 'delete', `/api/events/${past.id}/photos/${pastPhoto}`, undefined, 404],
      [otherOperator, 'get', `/api/events/${past.id}/photos/${pastPhoto}`, undefined, 404],
      [otherOperator, 'put', `/api/events/${past.id}/photos`, { fileIds: [pastPhoto] }, 404],
      [maker, 'put', `/api/events/${past.id}/photos`, { fileIds: [pastPhoto] }, 403],
      [otherOperator, 'get', `/api/events/${e.id}/signups.xlsx`, undefined, 404],
      // A maker (of another space's team, not of this space's operator) is no staff.
      [maker, 'get', `/api/events/${e.id}/signups.xlsx`, undefined, 403],
    ];
    for (const [agent, method, url, body, status] of cases) {
      const res = method === 'get' ? await agent.get(url) : method === 'delete' ? await agent.delete(url) : method === 'put' ? await agent.put(url, body) : await agent.post(url, body);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/events/${e.id}` });
    expect(anonymous.statusCode).toBe(401);
    expect(await snapshot()).toEqual(before);
  });
});
