import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { seedHistory } from '../../seed/history.ts';
import { remindReturns } from './reminders.ts';

/**
 * Reminders before a round's due date: opening a round queues one job per offset (7 and 1 days);
 * the job tells the operators of returns not yet handed in, once per return and offset, and nobody
 * after the due date. The handler is called with a fixed clock.
 */
let t: TestApp;
const q = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => t.ctx.database.query<T>(sql, params);
const DAY = 86_400_000;
let callId: string;
let dueAt: Date;
const told = async () => (await q<{ n: number }>(`select count(*)::int as n from notifications where title = '统计报表即将截止'`))[0]!.n;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  await seedHistory(t.ctx.db, t.config, { servicePlatform: false });
  // The demo's current 许昌 round: one draft left, one at the county, one handed in with warnings.
  const [round] = await q<{ id: string; closes_at: Date }>(
    `select c.id, c.closes_at from calls c join return_rounds r on r.call_id = c.id where c.closes_at > now() order by c.closes_at desc limit 1`,
  );
  callId = round!.id;
  dueAt = new Date(round!.closes_at);
}, 300_000);
afterAll(() => t.close());

describe('reminders before the due date', () => {
  it('were queued with the round for 7 and 1 days before its due date', async () => {
    const jobs = await q<{ data: { daysBefore: number }; start_after: Date }>(`select data, start_after from pgboss.job where name = 'returns.remind' and data->>'callId' = $1 order by start_after`, [callId]);
    expect(jobs.map((j) => [j.data.daysBefore, new Date(j.start_after).getTime()])).toEqual([
      [7, dueAt.getTime() - 7 * DAY],
      [1, dueAt.getTime() - DAY],
    ]);
  });

  it('tells the operators of returns not handed in, once per return and offset', async () => {
    const waiting = await q<{ id: string }>(
      `select a.id from applications a join return_values v on v.submission_id = a.id where a.call_id = $1 and ((a.status = 'draft' and v.missed_at is null) or a.status = 'returned')`,
      [callId],
    );
    expect(waiting.length).toBeGreaterThan(0);
    const before = await told();
    const weekBefore = new Date(dueAt.getTime() - 7 * DAY);
    expect(await remindReturns(t.ctx.db, { callId, daysBefore: 7 }, weekBefore)).toBe(waiting.length);
    const after = await told();
    expect(after).toBeGreaterThan(before);
    // A rerun (retry, twin job) reminds no one again; the 1-day reminder is its own.
    expect(await remindReturns(t.ctx.db, { callId, daysBefore: 7 }, weekBefore)).toBe(0);
    expect(await told()).toBe(after);
    const submitted = await q<{ reminded: number[] }>(`select v.reminded from return_values v join applications a on a.id = v.submission_id where a.call_id = $1 and a.status <> 'draft' and a.status <> 'returned'`, [callId]);
    expect(submitted.every((r) => r.reminded.length === 0)).toBe(true);
    // After the due date nobody is reminded.
    expect(await remindReturns(t.ctx.db, { callId, daysBefore: 1 }, new Date(dueAt.getTime() + 1000))).toBe(0);
    expect(await remindReturns(t.ctx.db, { callId, daysBefore: 1 }, new Date(dueAt.getTime() - DAY))).toBe(waiting.length);
    const [who] = await q<{ username: string }>(`select u.username from users u join applications a on a.operator_org_id = u.org_id where a.id = $1 limit 1`, [waiting[0]!.id]);
    const operator = await signIn(t.app, who!.username);
    const inbox = (await operator.get('/api/notifications')).json().items as { title: string; body: string }[];
    expect(inbox.some((n) => n.title === '统计报表即将截止' && n.body.includes('明天'))).toBe(true);
  });
});
