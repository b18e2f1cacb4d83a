import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Agent } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { statementProbe } from '../../db/client.ts';
import { calls } from '../calls/index.ts';

let t: TestApp;
const as: Record<string, Agent> = {};
const USERS = ['cg_reviewer', 'cg_admin', 'xc_admin', 'ln_reviewer', 'ln_admin', 'op_cg_admin', 'sysadmin'] as const;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  for (const u of USERS) as[u] = await signIn(t.app, u);
});
afterAll(() => t.close());

interface Item {
  call: { id: string; title: string };
  stage: { key: string; kind: string; final: boolean };
  admin: boolean;
}
const mine = async (user: (typeof USERS)[number], kind?: string) => {
  const res = await as[user]!.get(`/api/stages/mine${kind ? `?kind=${kind}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: Item[] }).items;
};

describe('GET /api/stages/mine', () => {
  it('lists the stages of published calls the actor works, and only those', async () => {
    const county = await mine('cg_reviewer');
    expect(county.map((i) => i.stage.key).sort()).toEqual(['county_recommend', 'county_review']);
    expect(county.every((i) => i.call.title.includes('许昌') && !i.admin)).toBe(true);
    expect((await mine('cg_admin')).every((i) => i.admin)).toBe(true);
    // Liaoning: the city's stages of its province's call are not the province's.
    const province = await mine('ln_admin');
    expect(province.map((i) => i.stage.key).sort()).toEqual(['province_decision', 'province_expert']);
    expect(province.find((i) => i.stage.key === 'province_decision')!.stage.final).toBe(true);
  });

  it('narrows to one kind of stage', async () => {
    expect((await mine('xc_admin', 'decision')).map((i) => i.stage.key)).toEqual(['city_decision']);
    expect(await mine('cg_reviewer', 'decision')).toEqual([]);
  });

  it('lists every published call on a worked chain, with or without applications, in the same statements whatever their number', async () => {
    const counted = async () => {
      const { result, statements } = await statementProbe.count(() => mine('cg_reviewer'));
      return { items: result, statements };
    };
    const before = await counted();
    // Five more published calls of the county's city on the same chain, none holding an application.
    const [call] = await t.ctx.db.select().from(calls).where(eq(calls.id, before.items[0]!.call.id));
    const { id: _id, ...copy } = call!;
    const added = await t.ctx.db
      .insert(calls)
      .values([1, 2, 3, 4, 5].map((n) => ({ ...copy, title: `${copy.title}（第${n}批）` })))
      .returning({ id: calls.id });
    // A draft and a cancelled call on that chain are not offered.
    await t.ctx.db.insert(calls).values([{ ...copy, title: '草稿批次', status: 'draft' as const }, { ...copy, title: '已撤销批次', status: 'cancelled' as const }]);
    const after = await counted();
    expect(after.statements).toBe(before.statements);
    expect(after.items).toHaveLength(before.items.length + 5 * 2);
    for (const { id } of added) expect(after.items.filter((i) => i.call.id === id).map((i) => i.stage.key).sort()).toEqual(['county_recommend', 'county_review']);
    expect(after.items.some((i) => ['草稿批次', '已撤销批次'].includes(i.call.title))).toBe(false);
    // The province works none of that chain's county stages: its answer is unchanged.
    expect((await mine('ln_admin')).map((i) => i.stage.key).sort()).toEqual(['province_decision', 'province_expert']);
  });

  it('refuses who works no stage (403), anonymous (401) and a bad kind (400 naming the field)', async () => {
    expect((await as.op_cg_admin!.get('/api/stages/mine')).statusCode).toBe(403);
    expect((await as.sysadmin!.get('/api/stages/mine')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/stages/mine' })).statusCode).toBe(401);
    const bad = await as.ln_reviewer!.get('/api/stages/mine?kind=vote');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toContain('kind');
  });
});
