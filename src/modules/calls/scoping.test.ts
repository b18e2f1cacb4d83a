import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { registryFingerprint } from '../../../test/helpers/fingerprint.ts';

let t: TestApp;
const agents: Record<string, Agent> = {};
const as = (username: string) => agents[username]!;
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  const names = ['sy_admin', 'ln_admin', 'xc_admin', 'cg_admin', 'most_admin', 'szgx_admin', 'op_robot_admin'];
  await Promise.all(names.map(async (n) => (agents[n] = await signIn(t.app, n))));
});
afterAll(() => t.close());

/** A draft city call of the admin's authority, with its level's default materials. */
async function cityDraft(agent: Agent, title: string) {
  const res = await agent.post('/api/calls', {
    title,
    level: 'city',
    year: 2026,
    opensAt: new Date(Date.now() + DAY).toISOString(),
    closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
    eligibleCategories: ['regular'],
    materialSlots: (await agent.get('/api/calls/default-slots?level=city')).json().items,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

const listed = async (username: string) => {
  const res = await as(username).get('/api/calls?pageSize=100');
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { total: number; items: { id: string; authority: { name: string } }[] };
  expect(body.total).toBe(body.items.length);
  return body.items;
};

describe('申报批次管理 lists the calls of the actor’s jurisdiction only', () => {
  it('shows an authority its own calls and those below its region, never another jurisdiction’s or one above', async () => {
    const sy = await cityDraft(as('sy_admin'), '沈阳市 2026 年众创空间备案申报');
    const syCalls = await listed('sy_admin');
    expect(syCalls.map((c) => c.id)).toEqual([sy.id]);

    // The province sees its own call; a city's draft stays its city's until published.
    const lnNames = new Set((await listed('ln_admin')).map((c) => c.authority.name));
    expect([...lnNames]).toEqual(['辽宁省科学技术厅']);

    // Xuchang's county sees nothing of its city's call (above it); the city sees its call, not Liaoning's or Jiangsu's.
    expect(await listed('cg_admin')).toEqual([]);
    expect(new Set((await listed('xc_admin')).map((c) => c.authority.name))).toEqual(new Set(['许昌市科学技术局']));

    // The ministry's jurisdiction is the whole tree.
    expect(new Set((await listed('most_admin')).map((c) => c.authority.name))).toEqual(new Set(['许昌市科学技术局', '辽宁省科学技术厅', '江苏省科学技术厅']));
    // An operator is no authority: it sees the published calls, as on the portal.
    expect((await listed('op_robot_admin')).length).toBe(3);
  });
});

describe('a recommending unit', () => {
  it('is offered no call creation and is refused it by the server (403), nothing changed', async () => {
    const me = (await as('szgx_admin').get('/api/me')).json();
    expect(me.abilities['call.create']).toBe(false);
    const slots = (await as('sy_admin').get('/api/calls/default-slots?level=city')).json().items;
    const before = await registryFingerprint(t.ctx.database);
    const refused = await as('szgx_admin').post('/api/calls', {
      title: '苏州高新区 2026 年众创空间备案申报',
      level: 'city',
      year: 2026,
      opensAt: new Date(Date.now() + DAY).toISOString(),
      closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
      eligibleCategories: ['regular'],
      materialSlots: slots,
    });
    expect(refused.statusCode).toBe(403);
    expect((await as('szgx_admin').get('/api/calls/default-slots?level=city')).statusCode).toBe(403);
    expect(await registryFingerprint(t.ctx.database)).toEqual(before);
  });
});
