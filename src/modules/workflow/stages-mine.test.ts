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

interface Stage {
  key: string;
  kind: string;
  final: boolean;
  admin: boolean;
  checklist: unknown[];
}
interface Mine {
  chains: { id: string; stages: Stage[] }[];
  calls: { id: string; title: string; chainId: string }[];
}
const mine = async (user: (typeof USERS)[number], kind?: string) => {
  const res = await as[user]!.get(`/api/stages/mine${kind ? `?kind=${kind}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Mine;
};
/** The (call title, stage) pairs the answer stands for: each call with every stage of its chain's entry. */
const pairs = ({ chains, calls: listed }: Mine) =>
  listed.flatMap((c) => chains.find((ch) => ch.id === c.chainId)!.stages.map((stage) => ({ title: c.title, callId: c.id, stage })));
const keys = (answer: Mine) => pairs(answer).map((p) => p.stage.key).sort();

describe('GET /api/stages/mine', () => {
  it('lists the stages of published calls the actor works, and only those', async () => {
    const county = await mine('cg_reviewer');
    expect(keys(county)).toEqual(['county_recommend', 'county_review']);
    expect(pairs(county).every((p) => p.title.includes('许昌') && !p.stage.admin)).toBe(true);
    expect(pairs(await mine('cg_admin')).every((p) => p.stage.admin)).toBe(true);
    // Liaoning: the city's stages of its province's call are not the province's.
    const province = await mine('ln_admin');
    expect(keys(province)).toEqual(['province_decision', 'province_expert']);
    expect(pairs(province).find((p) => p.stage.key === 'province_decision')!.stage.final).toBe(true);
  });

  it('narrows to one kind of stage', async () => {
    expect(keys(await mine('xc_admin', 'decision'))).toEqual(['city_decision']);
    expect(await mine('cg_reviewer', 'decision')).toEqual({ chains: [], calls: [] });
  });

  it('lists every published call on a worked chain apart, sending the chain’s stages once, in the same statements whatever their number', async () => {
    const counted = async () => {
      const { result, statements } = await statementProbe.count(() => mine('cg_reviewer'));
      return { answer: result, statements };
    };
    const before = await counted();
    // Five more published calls of the county's city on the same chain, none holding an application.
    const [call] = await t.ctx.db.select().from(calls).where(eq(calls.id, before.answer.calls[0]!.id));
    const { id: _id, ...copy } = call!;
    const added = await t.ctx.db
      .insert(calls)
      .values([1, 2, 3, 4, 5].map((n) => ({ ...copy, title: `${copy.title}（第${n}批）` })))
      .returning({ id: calls.id });
    // A draft and a cancelled call on that chain are not offered.
    await t.ctx.db.insert(calls).values([{ ...copy, title: '草稿批次', status: 'draft' as const }, { ...copy, title: '已撤销批次', status: 'cancelled' as const }]);
    const after = await counted();
    expect(after.statements).toBe(before.statements);
    expect(after.answer.calls).toHaveLength(before.answer.calls.length + 5);
    // One entry per chain, whatever the number of its calls: a stage's checklist is sent once, not per call.
    expect(after.answer.chains).toEqual(before.answer.chains);
    expect(new Set(after.answer.chains.map((c) => c.id)).size).toBe(after.answer.chains.length);
    expect(after.answer.chains.every((c) => after.answer.calls.some((k) => k.chainId === c.id))).toBe(true);
    const checklists = after.answer.chains.flatMap((c) => c.stages.filter((s) => s.checklist.length)).length;
    expect(checklists).toBeGreaterThan(0);
    expect(JSON.stringify(after.answer).split('"checklist"').length - 1).toBe(after.answer.chains.flatMap((c) => c.stages).length);
    for (const { id } of added) expect(pairs(after.answer).filter((p) => p.callId === id).map((p) => p.stage.key).sort()).toEqual(['county_recommend', 'county_review']);
    expect(after.answer.calls.some((c) => ['草稿批次', '已撤销批次'].includes(c.title))).toBe(false);
    // The province works none of that chain's county stages: its answer is unchanged.
    expect(keys(await mine('ln_admin'))).toEqual(['province_decision', 'province_expert']);
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
