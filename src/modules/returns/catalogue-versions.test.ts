import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Agent } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { CATALOGUE_2026 } from './catalogue-2026.ts';
import { parseDefinition } from './catalogue-schema.ts';

/**
 * Versioning of the indicator catalogue, as rule sets are versioned: a province clones the shipped
 * version into a draft for a survey year, edits it (every bad field named, nothing saved), and
 * publishes it as that year's next version, which never changes again and a round may pin. A city,
 * an operator or another province is refused with nothing changed.
 */
let t: TestApp;
let province: Agent;
let city: Agent;
let otherProvince: Agent;
let operator: Agent;
let shippedId: string;
let draftId: string;
const rows = () => t.ctx.database.query<{ id: string; year: number; version: number | null; status: string; name: string; revision: number; definition: unknown }>(`select id, year, version, status, name, revision, definition from return_catalogues order by created_at, id`);

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [province, city, otherProvince, operator] = await Promise.all([signIn(t.app, 'ln_admin'), signIn(t.app, 'sy_admin'), signIn(t.app, 'js_admin'), signIn(t.app, 'op_robot_admin')]);
  shippedId = (await rows())[0]!.id;
}, 300_000);
afterAll(() => t.close());

describe('the shipped catalogue', () => {
  it('passes its own consistency checks', () => {
    expect(() => parseDefinition(CATALOGUE_2026)).not.toThrow();
  });
});

describe('clone, edit, publish', () => {
  it('refuses a city, an operator and the nation\'s clone for a lower level, and clones nothing', async () => {
    const before = await rows();
    expect((await city.post(`/api/returns/catalogues/${shippedId}/clone`, {})).statusCode).toBe(403);
    expect((await operator.post(`/api/returns/catalogues/${shippedId}/clone`, {})).statusCode).toBe(403);
    expect((await operator.get('/api/returns/catalogues')).statusCode).toBe(403);
    expect(await rows()).toEqual(before);
  });

  it('lets a province clone the shipped version into a draft for the next survey year', async () => {
    const res = await province.post(`/api/returns/catalogues/${shippedId}/clone`, { year: 2027 });
    expect(res.statusCode, res.body).toBe(201);
    const draft = res.json();
    draftId = draft.id;
    expect(draft).toMatchObject({ year: 2027, version: null, status: 'draft', name: '2027年度众创空间统计指标', ownerName: '辽宁省', basedOnId: shippedId, abilities: { edit: true, publish: true } });
    expect(draft.definition.indicators).toHaveLength(CATALOGUE_2026.indicators.length);
    // A draft is the province's own until published: a city under it and another province do not see it.
    expect((await city.get(`/api/returns/catalogues/${draftId}`)).statusCode).toBe(404);
    expect((await otherProvince.get(`/api/returns/catalogues/${draftId}`)).statusCode).toBe(404);
    expect(((await otherProvince.get('/api/returns/catalogues')).json().items as { id: string }[]).map((i) => i.id)).not.toContain(draftId);
  });

  it('names every bad field of an edit and saves nothing', async () => {
    const before = await rows();
    const { definition, revision } = (await province.get(`/api/returns/catalogues/${draftId}`)).json();
    const indicators = [...definition.indicators];
    const total = indicators.findIndex((i: { code: string }) => i.code === 'operating_cost');
    const part = indicators.findIndex((i: { code: string }) => i.code === 'income_services');
    indicators[total] = { ...indicators[total], unit: '个' };
    indicators[part] = { ...indicators[part], parent: 'nowhere' };
    indicators.push({ ...indicators[0], label: '' });
    const rules = [...definition.rules, { id: 'R2', rule: 'ratio_warn', numerator: 'team_members', denominator: 'ghost', max: 20, severity: 'warning' }];
    const res = await province.put(`/api/returns/catalogues/${draftId}`, { revision, name: '2027年度', definition: { ...definition, indicators, rules } });
    expect(res.statusCode).toBe(400);
    // The shape first: the empty label.
    expect(res.json().error.fields.map((f: { field: string }) => f.field)).toEqual([`body.definition.indicators.${indicators.length - 1}.label`]);
    indicators.pop();
    const again = await province.put(`/api/returns/catalogues/${draftId}`, { revision, name: '2027年度', definition: { ...definition, indicators, rules } });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields.map((f: { field: string }) => f.field)).toEqual([
      `body.definition.indicators.${part}.parent`,
      `body.definition.indicators.${total}.unit`,
      `body.definition.rules.${rules.length - 1}.denominator`,
    ]);
    expect(again.json().error.message).toContain('金额指标的单位应为千元');
    expect(await rows()).toEqual(before);
  });

  it('refuses edits and publishing by anyone but the owning province\'s admins, with nothing changed', async () => {
    const before = await rows();
    const { definition, revision } = (await province.get(`/api/returns/catalogues/${draftId}`)).json();
    const body = { revision, name: 'x', definition };
    expect((await city.put(`/api/returns/catalogues/${draftId}`, body)).statusCode).toBe(403);
    expect((await city.post(`/api/returns/catalogues/${draftId}/publish`, { revision })).statusCode).toBe(403);
    expect((await otherProvince.put(`/api/returns/catalogues/${draftId}`, body)).statusCode).toBe(404);
    expect((await otherProvince.post(`/api/returns/catalogues/${draftId}/publish`, { revision })).statusCode).toBe(404);
    expect((await operator.put(`/api/returns/catalogues/${draftId}`, body)).statusCode).toBe(403);
    expect((await province.put(`/api/returns/catalogues/${shippedId}`, { ...body, revision: 1 })).statusCode).toBe(409);
    expect(await rows()).toEqual(before);
  });

  it('saves an edit of labels, units, help and rule parameters, then publishes it as the year\'s first version, immutable', async () => {
    const { definition, revision } = (await province.get(`/api/returns/catalogues/${draftId}`)).json();
    const indicators = definition.indicators.map((i: { code: string }) => (i.code === 'activities' ? { ...i, label: '举办创新创业活动（含线上）', help: '线上活动计入' } : i));
    indicators.push({ code: 'digital_services', label: '数字化服务平台', labelEn: 'Digital service platforms', unit: '个', type: 'integer', group: 'services' });
    const rules = definition.rules.map((r: { rule: string }) => (r.rule === 'yoy_change' ? { ...r, max: 0.6 } : r));
    const saved = await province.put(`/api/returns/catalogues/${draftId}`, { revision, name: '2027年度众创空间统计指标（辽宁）', definition: { ...definition, indicators, rules } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().revision).toBe(revision + 1);
    const stale = await province.put(`/api/returns/catalogues/${draftId}`, { revision, name: 'stale', definition });
    expect(stale.statusCode).toBe(409);
    const published = await province.post(`/api/returns/catalogues/${draftId}/publish`, { revision: revision + 1 });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', version: 1, year: 2027, abilities: { edit: false, publish: false, clone: true } });
    expect(published.json().definition.rules.find((r: { rule: string }) => r.rule === 'yoy_change').max).toBe(0.6);
    const again = await province.put(`/api/returns/catalogues/${draftId}`, { revision: revision + 2, name: 'x', definition });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('已发布');
    // Every authority now sees it, and a round may pin it.
    expect(((await otherProvince.get('/api/returns/catalogues')).json().items as { id: string; status: string }[]).find((i) => i.id === draftId)?.status).toBe('published');
    const audit = await t.ctx.database.query<{ action: string }>(`select action from audit_log where object_id = $1 order by at`, [draftId]);
    expect(audit.map((a) => a.action)).toEqual(['return_catalogue.clone', 'return_catalogue.update', 'return_catalogue.publish']);
  });
});

describe('two drafts of one survey year published at the same moment', () => {
  it('publish exactly one; the other is 409 with nothing changed, and publishes as the next version once saved again', async () => {
    const clone = async (who: Agent) => {
      const res = await who.post(`/api/returns/catalogues/${shippedId}/clone`, { year: 2028 });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; revision: number };
    };
    const drafts = [await clone(province), await clone(otherProvince)];
    const admins = [province, otherProvince];
    const results = await Promise.all(drafts.map((d, i) => admins[i]!.post(`/api/returns/catalogues/${d.id}/publish`, { revision: d.revision })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const loser = results.findIndex((r) => r.statusCode === 409);
    expect(results[loser]!.json().error.message).toContain('刚刚发布');
    const of2028 = (await rows()).filter((r) => r.year === 2028);
    expect(of2028.map((r) => [r.id, r.status, r.version])).toEqual(expect.arrayContaining([
      [drafts[1 - loser]!.id, 'published', 1],
      [drafts[loser]!.id, 'draft', null],
    ]));
    expect(of2028).toHaveLength(2);
    // Saved again after a look at version 1, the loser publishes as version 2.
    const who = admins[loser]!;
    const { definition, revision, name } = (await who.get(`/api/returns/catalogues/${drafts[loser]!.id}`)).json();
    const saved = await who.put(`/api/returns/catalogues/${drafts[loser]!.id}`, { revision, name, definition });
    expect(saved.statusCode, saved.body).toBe(200);
    const second = await who.post(`/api/returns/catalogues/${drafts[loser]!.id}/publish`, { revision: revision + 1 });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({ status: 'published', version: 2, year: 2028 });
  });
});
