import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeActor } from '../../../test/helpers/actor.ts';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { CHAIN_KINDS } from '../../shared/chains.ts';
import { registeredKinds } from '../workflow/index.ts';
import { chainVersionsByIds, ensureSeededChains, findChainVersion, listUsableChains } from './index.ts';

let t: TestApp;
const agents: Record<string, Agent> = {};
let anon: Agent;
const as = (username: string) => agents[username]!;
/** Ids of the shipped versions by key. */
const shipped: Record<string, string> = {};
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  const names = ['ln_admin', 'ln_reviewer', 'sy_admin', 'sy_reviewer', 'js_admin', 'nj_admin', 'most_admin', 'op_robot_admin'];
  await Promise.all(names.map(async (n) => (agents[n] = await signIn(t.app, n))));
  anon = new Agent(t.app);
  await anon.get('/api/auth/csrf');
  const list = (await as('op_robot_admin').get('/api/chains')).json();
  for (const c of list.items) shipped[c.key] = c.id;
});
afterAll(() => t.close());

type Stage = Record<string, unknown> & { key: string };
interface Detail {
  id: string;
  key: string;
  revision: number;
  status: string;
  version: number | null;
  name: string;
  nameEn: string;
  level: string;
  requiresFiling: string | null;
  definition: { stages: Stage[] };
  abilities: Record<string, boolean>;
}

const fieldsOf = (res: { json: () => { error: { fields?: { field: string }[] } } }) => res.json().error.fields?.map((f) => f.field);

/** Every row of `chains`, whole, so "nothing changed" is one equality. */
const chainsDigest = async () =>
  (await t.ctx.database.query<{ d: string; n: number }>(`select md5(coalesce(string_agg(c::text, ',' order by c::text), '')) as d, count(*)::int as n from chains c`))[0]!;

const editable = (d: Detail) => ({ revision: d.revision, name: d.name, nameEn: d.nameEn, level: d.level, requiresFiling: d.requiresFiling, definition: d.definition });

/** ln_admin's clone of the shipped Liaoning chain, as a draft. */
async function lnDraft(body: Record<string, unknown> = {}): Promise<Detail> {
  const res = await as('ln_admin').post(`/api/chains/${shipped.liaoning_province}/clone`, body);
  expect(res.statusCode, res.body).toBe(200);
  return (await as('ln_admin').get(`/api/chains/${res.json().id}`)).json();
}

/** A province call body for ln_admin. */
const provinceCall = (overrides: Record<string, unknown> = {}) => ({
  title: '辽宁省 2026 年第二批专业化众创空间备案',
  level: 'province',
  year: 2026,
  opensAt: new Date(Date.now() - DAY).toISOString(),
  closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
  eligibleCategories: ['professional'],
  materialSlots: [{ key: 'business_licence', name: '营业执照', required: true }],
  ...overrides,
});

describe('shipped chains', () => {
  it('are the four seed chains, the change-report chain, the three return chains, the two evaluation chains, the two revocation chains and the five support-disclosure chains (ministry, province, city, county, recommending unit), published version 1 without an owner, readable by anyone signed in', async () => {
    expect(Object.keys(shipped).sort()).toEqual(['annual_return_city', 'annual_return_city_province', 'annual_return_province', 'change_report', 'evaluation_city', 'evaluation_city_province', 'jiangsu_national', 'liaoning_province', 'province_national', 'revocation', 'revocation_city', 'support', 'support_city', 'support_county', 'support_national', 'support_unit', 'xuchang_city']);
    const list = (await as('op_robot_admin').get('/api/chains')).json();
    expect(list.total).toBe(17);
    expect(list.items.every((c: { status: string; version: number; ownerRegionCode: null }) => c.status === 'published' && c.version === 1 && c.ownerRegionCode === null)).toBe(true);
    const detail = (await as('op_robot_admin').get(`/api/chains/${shipped.liaoning_province}`)).json() as Detail;
    expect(detail.definition.stages.map((s) => s.key)).toEqual(['city_authenticity', 'city_notice', 'city_recommend', 'province_expert', 'province_decision']);
    expect(detail.abilities).toEqual({ edit: false, publish: false, clone: false, use: true });
    expect((await anon.get('/api/chains')).statusCode).toBe(401);
  });

  it('name their kind, and the list filters by it; an unknown kind is a 400 naming querystring.kind', async () => {
    const all = (await as('op_robot_admin').get('/api/chains')).json().items as { key: string; kind: string }[];
    expect(Object.fromEntries(all.map((c) => [c.key, c.kind]))).toMatchObject({ xuchang_city: 'filing', change_report: 'change_report', annual_return_city: 'annual_return', evaluation_city: 'evaluation', revocation: 'revocation', support_city: 'support' });
    const returns = (await as('op_robot_admin').get('/api/chains?kind=annual_return')).json();
    expect(returns.items.map((c: { key: string }) => c.key).sort()).toEqual(['annual_return_city', 'annual_return_city_province', 'annual_return_province']);
    expect(returns.total).toBe(3);
    const bad = await as('op_robot_admin').get('/api/chains?kind=pitch');
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['querystring.kind']);
    // The call and round forms' list of usable chains takes the same kinds.
    const badUsable = await as('ln_admin').get('/api/chains/usable?level=province&kind=pitch');
    expect(badUsable.statusCode).toBe(400);
    expect(fieldsOf(badUsable)).toEqual(['querystring.kind']);
  });

  it('of every kind the kernel moves, and of no other (CHAIN_KINDS is the registered kinds)', () => {
    expect([...registeredKinds()].sort()).toEqual([...CHAIN_KINDS].sort());
  });

  it('load once: a second start adds nothing', async () => {
    const before = await chainsDigest();
    await ensureSeededChains(t.ctx.db);
    expect(await chainsDigest()).toEqual(before);
  });

  it('pin the demo calls to shipped versions; the demo province chain is Jiangsu’s own', async () => {
    const calls = (await as('op_robot_admin').get('/api/calls')).json().items as { chainId: string; chain: { key: string; version: number; shipped: boolean } }[];
    expect(calls.length).toBeGreaterThanOrEqual(3);
    for (const c of calls) expect(c).toMatchObject({ chainId: shipped[c.chain.key], chain: { version: 1, shipped: true } });
    const js = (await as('js_admin').get('/api/chains')).json();
    expect(js.items.map((c: { key: string }) => c.key)).toContain('jiangsu_province');
    const ln = (await as('ln_admin').get('/api/chains')).json();
    expect(ln.items.map((c: { key: string }) => c.key)).not.toContain('jiangsu_province');
  });
});

describe('an authority’s own chain', () => {
  it('is cloned, edited with optimistic locking, published as an immutable version', async () => {
    const draft = await lnDraft({ name: '辽宁省级备案（简化流程）' });
    expect(draft).toMatchObject({ status: 'draft', key: 'liaoning_province_210000', version: null, revision: 1, name: '辽宁省级备案（简化流程）', level: 'province' });
    expect(draft.abilities).toEqual({ edit: true, publish: true, clone: true, use: false });

    // Remove the notice, move the recommendation first, change a due day and a checklist.
    const [authenticity, , recommend, expert, decision] = draft.definition.stages;
    const stages = [recommend!, authenticity!, expert!, decision!];
    authenticity!.dueDays = 20;
    (decision!.checklist as unknown[]).push({ key: 'site_visit', label: '已实地核查', labelEn: 'Site visited' });
    const saved = await as('ln_admin').put(`/api/chains/${draft.id}`, { ...editable(draft), definition: { stages } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ revision: 2, stageCount: 4 });
    const stale = await as('ln_admin').put(`/api/chains/${draft.id}`, { ...editable(draft), definition: { stages } });
    expect(stale.statusCode).toBe(409);

    const published = await as('ln_admin').post(`/api/chains/${draft.id}/publish`, { revision: 2 });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', version: 1, revision: 3 });
    const after = (await as('ln_admin').get(`/api/chains/${draft.id}`)).json() as Detail;
    expect(after.definition.stages.map((s) => s.key)).toEqual(['city_recommend', 'city_authenticity', 'province_expert', 'province_decision']);
    expect(after.abilities).toMatchObject({ edit: false, publish: false, use: true });

    // Published versions never change: edit and publish again are refused with 409, nothing written.
    const before = await chainsDigest();
    const edit = await as('ln_admin').put(`/api/chains/${draft.id}`, { ...editable(after) });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error).toMatchObject({ code: 'NOT_EDITABLE', message: expect.stringContaining('已发布的审核流程版本不可修改') });
    expect((await as('ln_admin').post(`/api/chains/${draft.id}/publish`, { revision: 3 })).statusCode).toBe(409);
    expect(await chainsDigest()).toEqual(before);

    // The next clone of its own chain continues the lineage as version 2.
    const next = await as('ln_admin').post(`/api/chains/${draft.id}/clone`, {});
    expect(next.json()).toMatchObject({ key: 'liaoning_province_210000', status: 'draft' });
    expect((await as('ln_admin').post(`/api/chains/${next.json().id}/publish`, { revision: 1 })).json()).toMatchObject({ version: 2 });

    // The shipped version is untouched.
    const original = (await as('ln_admin').get(`/api/chains/${shipped.liaoning_province}`)).json() as Detail;
    expect(original.definition.stages).toHaveLength(5);
    expect(original.definition.stages[0]!.dueDays).toBe(15);
  });

  it('refuses a chain that cannot run, naming the fields, and keeps the draft as it was', async () => {
    const draft = await lnDraft();
    const before = await chainsDigest();
    const stages = draft.definition.stages.slice(1, 4); // notice first, no decision last
    stages[2]!.actor = { kind: 'authority', level: 'national' };
    const res = await as('ln_admin').put(`/api/chains/${draft.id}`, { ...editable(draft), definition: { stages } });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)!.sort()).toEqual(['body.definition.stages.0.kind', 'body.definition.stages.2.actor', 'body.definition.stages.2.kind']);
    expect(res.json().error.message).toContain('公示不能作为第一个环节');
    expect(res.json().error.messageEn).toContain('above the chain');

    const shape = await as('ln_admin').put(`/api/chains/${draft.id}`, { ...editable(draft), definition: { stages: draft.definition.stages.map((s, i) => (i === 1 ? { ...s, dueDays: 0 } : s)) } });
    expect(shape.statusCode).toBe(400);
    expect(fieldsOf(shape)).toEqual(['body.definition.stages.1.dueDays']);
    expect(await chainsDigest()).toEqual(before);
  });

  it('refuses a key another jurisdiction uses', async () => {
    await as('js_admin').post(`/api/chains/${shipped.liaoning_province}/clone`, { key: 'shared_chain_key' });
    const res = await as('ln_admin').post(`/api/chains/${shipped.liaoning_province}/clone`, { key: 'shared_chain_key' });
    expect(res.statusCode).toBe(409);
    expect(fieldsOf(res)).toEqual(['body.key']);
    const bad = await as('ln_admin').post(`/api/chains/${shipped.liaoning_province}/clone`, { key: 'Bad-Key' });
    expect(fieldsOf(bad)).toEqual(['body.key']);
  });

  it('is refused to outsiders (another province, a city reviewer below, an operator, anonymous) and nothing changes', async () => {
    const draft = await lnDraft({ key: 'ln_outsider_test' });
    const publishedDraft = await lnDraft({ key: 'ln_outsider_published' });
    await as('ln_admin').post(`/api/chains/${publishedDraft.id}/publish`, { revision: 1 });
    const update = editable(draft);
    const before = await chainsDigest();
    const cases: [string, Agent, 'GET' | 'POST' | 'PUT', string, unknown, number][] = [
      ['anonymous', anon, 'GET', `/api/chains/${draft.id}`, undefined, 401],
      ['anonymous', anon, 'PUT', `/api/chains/${draft.id}`, update, 401],
      ['anonymous', anon, 'POST', `/api/chains/${draft.id}/publish`, { revision: 1 }, 401],
      ['anonymous', anon, 'POST', `/api/chains/${shipped.liaoning_province}/clone`, {}, 401],
      ['anonymous', anon, 'GET', '/api/chains/usable?level=province', undefined, 401],
      ['another province', as('js_admin'), 'GET', `/api/chains/${draft.id}`, undefined, 404],
      ['another province', as('js_admin'), 'PUT', `/api/chains/${draft.id}`, update, 404],
      ['another province', as('js_admin'), 'POST', `/api/chains/${draft.id}/publish`, { revision: 1 }, 404],
      ['another province', as('js_admin'), 'POST', `/api/chains/${draft.id}/clone`, {}, 404],
      ['another province', as('js_admin'), 'GET', `/api/chains/${publishedDraft.id}`, undefined, 404],
      ['another province', as('js_admin'), 'POST', `/api/chains/${publishedDraft.id}/clone`, {}, 404],
      ['a city of another province', as('nj_admin'), 'GET', `/api/chains/${publishedDraft.id}`, undefined, 404],
      ['a city reviewer below', as('sy_reviewer'), 'GET', `/api/chains/${draft.id}`, undefined, 404],
      ['a city admin below', as('sy_admin'), 'PUT', `/api/chains/${draft.id}`, update, 404],
      ['the province reviewer', as('ln_reviewer'), 'PUT', `/api/chains/${draft.id}`, update, 403],
      ['the province reviewer', as('ln_reviewer'), 'POST', `/api/chains/${draft.id}/publish`, { revision: 1 }, 403],
      ['the province reviewer', as('ln_reviewer'), 'POST', `/api/chains/${shipped.liaoning_province}/clone`, {}, 403],
      ['an operator', as('op_robot_admin'), 'GET', `/api/chains/${draft.id}`, undefined, 404],
      ['an operator', as('op_robot_admin'), 'GET', `/api/chains/${publishedDraft.id}`, undefined, 404],
      ['an operator', as('op_robot_admin'), 'PUT', `/api/chains/${draft.id}`, update, 403],
      ['an operator', as('op_robot_admin'), 'POST', `/api/chains/${shipped.liaoning_province}/clone`, {}, 403],
      ['a city admin below', as('sy_admin'), 'POST', `/api/chains/${draft.id}/publish`, { revision: 1 }, 404],
    ];
    for (const [who, agent, method, url, payload, status] of cases)
      expect((await agent.request(method, url, payload)).statusCode, `${who} ${method} ${url}`).toBe(status);
    expect(await chainsDigest()).toEqual(before);
    // Those in line read it: the province's reviewer (its draft), the city below and the ministry above (the published version).
    expect((await as('ln_reviewer').get(`/api/chains/${draft.id}`)).statusCode).toBe(200);
    expect((await as('sy_reviewer').get(`/api/chains/${publishedDraft.id}`)).statusCode).toBe(200);
    expect((await as('most_admin').get(`/api/chains/${publishedDraft.id}`)).statusCode).toBe(200);
  });
});

describe('calls pin a chain version', () => {
  let lnChainId: string;
  beforeAll(async () => {
    const draft = await lnDraft({ key: 'ln_calls_test', name: '辽宁省级备案（批次测试）' });
    lnChainId = (await as('ln_admin').post(`/api/chains/${draft.id}/publish`, { revision: 1 })).json().id;
  });

  it('lists the usable versions: shipped and owned by the region or above, at the level', async () => {
    const ln = (await as('ln_admin').get('/api/chains/usable?level=province')).json().items as { id: string; key: string }[];
    expect(ln.map((c) => c.id)).toEqual(expect.arrayContaining([shipped.liaoning_province, lnChainId]));
    expect(ln.map((c) => c.key)).not.toContain('jiangsu_province');
    expect(ln.map((c) => c.key)).not.toContain('xuchang_city');
    // A city of the province may use the province's chain; another province may not.
    const sy = (await as('sy_admin').get('/api/chains/usable?level=province')).json().items as { id: string }[];
    expect(sy.map((c) => c.id)).toContain(lnChainId);
    const js = (await as('js_admin').get('/api/chains/usable?level=province')).json().items as { id: string; key: string }[];
    expect(js.map((c) => c.id)).not.toContain(lnChainId);
    expect(js.map((c) => c.key)).toContain('jiangsu_province');
  });

  it('pins an own version or a shipped one; publishing needs one', async () => {
    const own = await as('ln_admin').post('/api/calls', provinceCall({ chainId: lnChainId }));
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ chainId: lnChainId, chain: { id: lnChainId, key: 'ln_calls_test', version: 1, shipped: false } });
    expect(own.json().chain.stages.map((s: { key: string }) => s.key)).toContain('province_decision');

    const shippedCall = await as('ln_admin').post('/api/calls', provinceCall({ chainId: shipped.liaoning_province }));
    expect(shippedCall.json()).toMatchObject({ chainId: shipped.liaoning_province, chain: { key: 'liaoning_province', shipped: true } });

    const none = (await as('ln_admin').post('/api/calls', provinceCall())).json();
    expect(none).toMatchObject({ chainId: null, chain: null });
    const refused = await as('ln_admin').post(`/api/calls/${none.id}/publish`, { revision: none.revision });
    expect(refused.statusCode).toBe(400);
    expect(fieldsOf(refused)).toEqual(['body.chainId']);

    const pinned = await as('ln_admin').put(`/api/calls/${none.id}`, { ...provinceCall({ chainId: lnChainId }), revision: none.revision });
    expect(pinned.statusCode, pinned.body).toBe(200);
    const published = await as('ln_admin').post(`/api/calls/${none.id}/publish`, { revision: pinned.json().revision });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', chainId: lnChainId });
  });

  it('refuses a chain of another province, a draft, one of another level or a mismatched key, naming body.chainId', async () => {
    const jsChain = ((await as('js_admin').get('/api/chains?key=jiangsu_province')).json().items as { id: string }[])[0]!.id;
    const draft = await lnDraft({ key: 'ln_draft_for_call' });
    const cases: [Record<string, unknown>, string][] = [
      [{ chainId: jsChain }, 'body.chainId'],
      [{ chainId: draft.id }, 'body.chainId'],
      [{ chainId: shipped.xuchang_city }, 'body.chainId'],
      [{ chainId: '00000000-0000-4000-8000-000000000000' }, 'body.chainId'],
    ];
    const count = async () => (await t.ctx.database.query<{ n: number }>('select count(*)::int as n from calls'))[0]!.n;
    const before = await count();
    for (const [body, field] of cases) {
      const res = await as('ln_admin').post('/api/calls', provinceCall(body));
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(fieldsOf(res)).toEqual([field]);
    }
    expect(await count()).toBe(before);
    // Jiangsu's own admin may pin it.
    expect((await as('js_admin').post('/api/calls', provinceCall({ title: '江苏省 2026 年专业化众创空间备案', chainId: jsChain }))).statusCode).toBe(201);
  });

  it('are read by other modules through the public surface', async () => {
    const v = await findChainVersion(t.ctx.db, lnChainId);
    expect(v).toMatchObject({ id: lnChainId, key: 'ln_calls_test', version: 1, level: 'province', requiresFiling: null, ownerRegionCode: '210000' });
    expect(v!.stages.at(-1)).toMatchObject({ kind: 'decision', filingLevel: 'province' });
    const map = await chainVersionsByIds(t.ctx.db, [lnChainId, shipped.province_national!, lnChainId]);
    expect(map.size).toBe(2);
    expect(map.get(shipped.province_national!)).toMatchObject({ key: 'province_national', requiresFiling: 'province', level: 'national' });
    const draft = await lnDraft({ key: 'ln_draft_not_a_version' });
    expect(await findChainVersion(t.ctx.db, draft.id)).toBeUndefined();
    const lnAdmin = makeActor({ roles: ['authority_admin'], jurisdictionPath: '000000/210000', org: { kind: 'authority', authorityLevel: 'province', regionCode: '210000' } });
    const usable = await listUsableChains(t.ctx.db, lnAdmin, 'filing', 'province');
    expect(usable.map((c) => c.id)).toContain(lnChainId);
  });
});

