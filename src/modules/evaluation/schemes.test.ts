import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Agent } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { ensureShippedSchemes } from './index.ts';

/**
 * Versions of evaluation schemes, as rule sets and catalogues are versioned: the shipped schemes are
 * loaded as published versions of their jurisdiction's line; an evaluating authority (city and
 * above) clones one into a draft of its own, edits it (every bad field named, nothing saved) and
 * publishes it as the line's next version, which never changes again. Governing staff read the
 * published schemes on their line (above, own, below) and the drafts within their jurisdiction;
 * a county, a reviewer, an operator or another province is refused with nothing changed.
 */
let t: TestApp;
let xuchang: Agent;
let xuchangReviewer: Agent;
let county: Agent;
let liaoning: Agent;
let shenyang: Agent;
let jiangsu: Agent;
let ministry: Agent;
let operator: Agent;
let xuchangSchemeId: string;
let draftId: string;

interface Row {
  id: string;
  region_code: string;
  year: number;
  version: number | null;
  status: string;
  revision: number;
  definition: unknown;
}
const rows = () => t.ctx.database.query<Row>(`select id, region_code, year, version, status, revision, definition from evaluation_schemes order by created_at, id`);
const titles = (res: { json: () => { items: { title: string; regionName: string }[] } }) => res.json().items.map((i) => `${i.regionName} ${i.title}`);

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [xuchang, xuchangReviewer, county, liaoning, shenyang, jiangsu, ministry, operator] = (await Promise.all(
    ['xc_admin', 'xc_reviewer', 'cg_admin', 'ln_admin', 'sy_admin', 'js_admin', 'most_admin', 'op_robot_admin'].map((u) => signIn(t.app, u)),
  )) as [Agent, Agent, Agent, Agent, Agent, Agent, Agent, Agent];
  xuchangSchemeId = (await rows()).find((r) => r.region_code === '411000')!.id;
}, 300_000);
afterAll(() => t.close());

describe('the shipped schemes', () => {
  it('are published versions of their jurisdictions\' lines, loaded once however often the database is prepared', async () => {
    const before = await rows();
    expect(before.map((r) => [r.region_code, r.year, r.version, r.status])).toEqual([
      ['210000', 2026, 1, 'published'],
      ['411000', 2026, 1, 'published'],
    ]);
    await ensureShippedSchemes(t.ctx.db);
    expect(await rows()).toEqual(before);
  });
});

describe('reading', () => {
  it('shows each authority the published schemes on its line: its own, those above and those below', async () => {
    expect(titles(await xuchang.get('/api/evaluation/schemes'))).toEqual([expect.stringMatching(/^许昌市 /)]);
    expect(titles(await county.get('/api/evaluation/schemes'))).toEqual([expect.stringMatching(/^许昌市 /)]);
    expect(titles(await shenyang.get('/api/evaluation/schemes'))).toEqual([expect.stringMatching(/^辽宁省 /)]);
    expect((await jiangsu.get('/api/evaluation/schemes')).json()).toMatchObject({ items: [], total: 0 });
    expect((await ministry.get('/api/evaluation/schemes?sort=region&order=desc')).json().items.map((i: { regionCode: string }) => i.regionCode)).toEqual(['411000', '210000']);
  });

  it('filters by jurisdiction, and names a code that is not one', async () => {
    expect((await ministry.get('/api/evaluation/schemes?regionCode=210000')).json().items.map((i: { regionCode: string }) => i.regionCode)).toEqual(['210000']);
    const bad = await ministry.get('/api/evaluation/schemes?regionCode=liaoning');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([expect.objectContaining({ field: 'querystring.regionCode', message: '辖区应为 6 位行政区划代码' })]);
  });

  it('tells /api/me who may read and who may clone schemes', async () => {
    expect((await xuchang.get('/api/me')).json().abilities).toMatchObject({ 'evaluation_scheme.read': true, 'evaluation_scheme.clone': true });
    expect((await xuchangReviewer.get('/api/me')).json().abilities).toMatchObject({ 'evaluation_scheme.read': true, 'evaluation_scheme.clone': false });
    expect((await operator.get('/api/me')).json().abilities).toMatchObject({ 'evaluation_scheme.read': false, 'evaluation_scheme.clone': false });
  });

  it('gives a scheme with its definition, its points and what the reader may do with it', async () => {
    const res = await xuchang.get(`/api/evaluation/schemes/${xuchangSchemeId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ year: 2026, category: 'regular', version: 1, status: 'published', shipped: true, maxPoints: 100, abilities: { edit: false, publish: false, clone: true } });
    expect((await xuchangReviewer.get(`/api/evaluation/schemes/${xuchangSchemeId}`)).json().abilities).toEqual({ edit: false, publish: false, clone: false });
  });

  it('refuses an operator and answers 404 for a scheme off the reader\'s line', async () => {
    expect((await operator.get('/api/evaluation/schemes')).statusCode).toBe(403);
    expect((await operator.get(`/api/evaluation/schemes/${xuchangSchemeId}`)).statusCode).toBe(403);
    expect((await liaoning.get(`/api/evaluation/schemes/${xuchangSchemeId}`)).statusCode).toBe(404);
  });

  it('names a bad filter or sort', async () => {
    for (const [query, field] of [
      ['year=20x6', 'querystring.year'],
      ['category=big', 'querystring.category'],
      ['sort=title', 'querystring.sort'],
    ] as const) {
      const res = await xuchang.get(`/api/evaluation/schemes?${query}`);
      expect(res.statusCode).toBe(400);
      expect(JSON.stringify(res.json())).toContain(field);
    }
  });
});

describe('clone, edit, publish', () => {
  it('refuses a county, a reviewer, an operator and a province off the line, and clones nothing', async () => {
    const before = await rows();
    expect((await county.post(`/api/evaluation/schemes/${xuchangSchemeId}/clone`, {})).statusCode).toBe(403);
    expect((await xuchangReviewer.post(`/api/evaluation/schemes/${xuchangSchemeId}/clone`, {})).statusCode).toBe(403);
    expect((await operator.post(`/api/evaluation/schemes/${xuchangSchemeId}/clone`, {})).statusCode).toBe(403);
    expect((await liaoning.post(`/api/evaluation/schemes/${xuchangSchemeId}/clone`, {})).statusCode).toBe(404);
    expect(await rows()).toEqual(before);
  });

  it('lets the city clone its scheme into a draft for next year, seen within its jurisdiction only', async () => {
    const res = await xuchang.post(`/api/evaluation/schemes/${xuchangSchemeId}/clone`, { year: 2027 });
    expect(res.statusCode, res.body).toBe(201);
    const draft = res.json();
    draftId = draft.id;
    expect(draft).toMatchObject({ regionCode: '411000', year: 2027, version: null, status: 'draft', shipped: false, basedOnId: xuchangSchemeId, abilities: { edit: true, publish: true } });
    expect(draft.title).toContain('2027');
    expect(draft.title).not.toContain('2026');
    expect((await xuchangReviewer.get(`/api/evaluation/schemes/${draftId}`)).statusCode).toBe(200);
    expect((await county.get(`/api/evaluation/schemes/${draftId}`)).statusCode).toBe(404);
    expect((await ministry.get(`/api/evaluation/schemes/${draftId}`)).statusCode).toBe(200);
    expect((await xuchang.get('/api/evaluation/schemes?status=draft&year=2027')).json().total).toBe(1);
  });

  it('names every bad field of an edit and saves nothing', async () => {
    const before = await rows();
    const { definition, revision } = (await xuchang.get(`/api/evaluation/schemes/${draftId}`)).json();
    const stepAt = definition.indicators.findIndex((i: { scoring: { kind: string } }) => i.scoring.kind === 'step');
    const indicators = structuredClone(definition.indicators);
    indicators[stepAt].scoring.cap = indicators[stepAt].scoring.base - 1;
    indicators[1].source = { from: 'return', code: 'no_such_figure' };
    const res = await xuchang.put(`/api/evaluation/schemes/${draftId}`, { revision, definition: { ...definition, indicators, bands: [] } });
    expect(res.statusCode).toBe(400);
    const body = JSON.stringify(res.json());
    expect(body).toContain('body.definition.bands');
    // The shape is checked first: the whole-scheme checks run on a definition of the right shape.
    const again = await xuchang.put(`/api/evaluation/schemes/${draftId}`, { revision, definition: { ...definition, indicators } });
    expect(again.statusCode).toBe(400);
    const fields = again.json().error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining([`body.definition.indicators.${stepAt}.scoring.cap`, 'body.definition.indicators.1.source.code']));
    expect(await rows()).toEqual(before);
  });

  it('saves a good edit once: a stale revision is refused, and a reviewer may not edit', async () => {
    const { definition, revision } = (await xuchang.get(`/api/evaluation/schemes/${draftId}`)).json();
    const edited = { ...definition, bonusCap: 4 };
    expect((await xuchangReviewer.put(`/api/evaluation/schemes/${draftId}`, { revision, definition: edited })).statusCode).toBe(403);
    const res = await xuchang.put(`/api/evaluation/schemes/${draftId}`, { revision, definition: edited });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ revision: revision + 1, definition: { bonusCap: 4 } });
    expect((await xuchang.put(`/api/evaluation/schemes/${draftId}`, { revision, definition })).statusCode).toBe(409);
  });

  it('refuses the edit and the publication of a draft to everyone but its jurisdiction\'s admins, changing nothing', async () => {
    const before = await rows();
    const { definition, revision } = (await xuchang.get(`/api/evaluation/schemes/${draftId}`)).json();
    const edited = { ...definition, bonusCap: 1 };
    // Who may write no scheme, or reads the draft but may not write it, is refused (403); an evaluating
    // authority that does not see the draft finds nothing (404).
    for (const [agent, name, code] of [
      [xuchangReviewer, 'xc_reviewer', 403],
      [ministry, 'most_admin', 403],
      [operator, 'op_robot_admin', 403],
      [county, 'cg_admin', 403],
      [liaoning, 'ln_admin', 404],
    ] as const) {
      expect((await agent.put(`/api/evaluation/schemes/${draftId}`, { revision, definition: edited })).statusCode, name).toBe(code);
      expect((await agent.post(`/api/evaluation/schemes/${draftId}/publish`, { revision })).statusCode, name).toBe(code);
    }
    expect(await rows()).toEqual(before);
  });

  it('publishes the draft as the line\'s first version, which then never changes', async () => {
    const { revision, definition } = (await xuchang.get(`/api/evaluation/schemes/${draftId}`)).json();
    expect((await county.post(`/api/evaluation/schemes/${draftId}/publish`, { revision })).statusCode).toBe(403);
    const res = await xuchang.post(`/api/evaluation/schemes/${draftId}/publish`, { revision });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'published', version: 1, abilities: { edit: false, publish: false } });
    expect((await xuchang.put(`/api/evaluation/schemes/${draftId}`, { revision: revision + 1, definition })).statusCode).toBe(409);
    expect((await xuchang.post(`/api/evaluation/schemes/${draftId}/publish`, { revision: revision + 1 })).statusCode).toBe(409);
    expect((await county.get(`/api/evaluation/schemes/${draftId}`)).statusCode).toBe(200);
    const actions = await t.ctx.database.query<{ action: string }>(`select action from audit_log where object_id = $1 order by id`, [draftId]);
    expect(actions.map((a) => a.action)).toEqual(['evaluation_scheme.clone', 'evaluation_scheme.update', 'evaluation_scheme.publish']);
  });

  it('numbers two drafts of one line published at the same moment one after the other', async () => {
    const drafts = await Promise.all([1, 2].map(async () => (await xuchang.post(`/api/evaluation/schemes/${xuchangSchemeId}/clone`, { year: 2027 })).json()));
    const published = await Promise.all(drafts.map((d) => xuchang.post(`/api/evaluation/schemes/${d.id}/publish`, { revision: d.revision })));
    expect(published.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(published.map((r) => r.json().version).sort()).toEqual([2, 3]);
  });

  it('names a bad id or body', async () => {
    expect((await xuchang.get('/api/evaluation/schemes/not-a-uuid')).statusCode).toBe(400);
    const res = await xuchang.post(`/api/evaluation/schemes/${xuchangSchemeId}/clone`, { year: 1999 });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('body.year');
    expect((await xuchang.post(`/api/evaluation/schemes/${xuchangSchemeId}/clone`, { title: 'x' })).statusCode).toBe(400);
  });
});
