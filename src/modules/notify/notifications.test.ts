import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { auditLog } from '../audit/schema.ts';
import { users } from '../identity/schema.ts';
import { notifications } from './schema.ts';
import { notify } from './service.ts';

let t: TestApp;
let chen: Agent; // maker_chen
let other: Agent; // op_univ_admin, another organisation
let sysadmin: Agent;
let anon: Agent;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  for (const u of await t.ctx.db.select({ id: users.id, username: users.username }).from(users)) ids[u.username] = u.id;
  chen = await signIn(t.app, 'maker_chen');
  other = await signIn(t.app, 'op_univ_admin');
  sysadmin = await signIn(t.app, 'sysadmin');
  anon = new Agent(t.app);
  await anon.get('/api/auth/csrf');
  await t.ctx.db.transaction(async (tx) => {
    for (let i = 1; i <= 3; i++) await notify(tx, [ids.maker_chen!], { title: `预约已确认 ${i}`, body: `第 ${i} 条`, link: `/platform/bookings/${i}` });
    await notify(tx, [ids.op_univ_admin!], { title: '备案申请已退回', body: '请补充材料' });
  });
});
afterAll(() => t.close());

const snapshot = async () => {
  const rows = await t.ctx.db.select({ id: notifications.id, readAt: notifications.readAt }).from(notifications).orderBy(notifications.id);
  const [a] = await t.ctx.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
  return { rows, audit: a!.n };
};
const firstOf = async (agent: Agent) => (await agent.get('/api/notifications')).json().items[0].id as string;

describe('notifications', () => {
  it('lists only the user’s own notifications, newest first, with the unread count', async () => {
    const res = await chen.get('/api/notifications?page=1&pageSize=2');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 3, page: 1, pageSize: 2, unread: 3 });
    expect(body.items).toHaveLength(2);
    expect(body.items[0]).toEqual({
      id: expect.any(String),
      title: expect.stringMatching(/^预约已确认/),
      body: expect.any(String),
      link: expect.stringMatching(/^\/platform\/bookings\//),
      readAt: null,
      createdAt: expect.any(String),
    });
    expect((await other.get('/api/notifications')).json()).toMatchObject({ total: 1, unread: 1 });
    expect((await sysadmin.get('/api/notifications')).json()).toMatchObject({ total: 0, unread: 0 });
  });

  it('refuses unknown query fields', async () => {
    const res = await chen.get('/api/notifications?mine=false');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].field).toContain('mine');
  });

  it('marks one read (audited), which repeating does not change, and filters unread ones', async () => {
    const id = await firstOf(chen);
    expect((await chen.post(`/api/notifications/${id}/read`)).statusCode).toBe(200);
    const after = await snapshot();
    expect((await chen.post(`/api/notifications/${id}/read`)).statusCode).toBe(200);
    expect(await snapshot()).toEqual(after);
    expect((await chen.get('/api/notifications/unread-count')).json()).toEqual({ count: 2 });
    const unread = (await chen.get('/api/notifications?unread=true')).json();
    expect(unread.total).toBe(2);
    expect(unread.items.map((n: { id: string }) => n.id)).not.toContain(id);
    const [entry] = await t.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, id));
    expect(entry).toMatchObject({ action: 'notification.read', actorUsername: 'maker_chen' });
  });

  it('answers 404 to anyone else marking a user’s notification read, and 401 to an anonymous caller; nothing changes', async () => {
    const id = (await chen.get('/api/notifications?unread=true')).json().items[0].id;
    const before = await snapshot();
    expect((await other.post(`/api/notifications/${id}/read`)).statusCode).toBe(404);
    expect((await sysadmin.post(`/api/notifications/${id}/read`)).statusCode).toBe(404);
    expect((await anon.post(`/api/notifications/${id}/read`)).statusCode).toBe(401);
    expect((await other.post('/api/notifications/00000000-0000-4000-8000-000000000000/read')).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses anonymous reads of the list and the count', async () => {
    expect((await anon.get('/api/notifications')).statusCode).toBe(401);
    expect((await anon.get('/api/notifications/unread-count')).statusCode).toBe(401);
  });

  it('marks all of the user’s own notifications read and nobody else’s', async () => {
    const before = await snapshot();
    expect((await anon.post('/api/notifications/read-all')).statusCode).toBe(401);
    expect(await snapshot()).toEqual(before);
    const res = await chen.post('/api/notifications/read-all');
    expect(res.json()).toEqual({ count: 2 });
    expect((await chen.get('/api/notifications/unread-count')).json()).toEqual({ count: 0 });
    expect((await other.get('/api/notifications/unread-count')).json()).toEqual({ count: 1 });
    expect((await chen.post('/api/notifications/read-all')).json()).toEqual({ count: 0 });
  });

  it('refuses links that leave the application', async () => {
    for (const link of ['https://evil.example/', '//evil.example/x', 'javascript:alert(1)']) {
      await expect(t.ctx.db.transaction((tx) => notify(tx, [ids.maker_chen!], { title: 'x', body: 'y', link }))).rejects.toThrow(/in-app path/);
    }
  });
});
