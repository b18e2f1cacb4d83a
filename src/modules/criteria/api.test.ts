import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';

let t: TestApp;
let liaoningId: string;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  const reviewer = await signIn(t.app, 'sy_reviewer');
  const list = (await reviewer.get('/api/criteria/rule-sets?key=liaoning-2019')).json();
  liaoningId = list.items[0].id;
});
afterAll(() => t.close());

const countRuleSets = async () => (await t.ctx.database.query<{ n: number }>('select count(*)::int as n from rule_sets'))[0]!.n;

describe('criteria API', () => {
  it('publishes the evaluation input schema to anyone', async () => {
    const res = await new Agent(t.app).get('/api/criteria/schema');
    expect(res.statusCode).toBe(200);
    expect(res.json().properties.indicators.properties.fundWan.type).toBe('number');
  });

  it('lists the five shipped rule sets as published version 1', async () => {
    const agent = await signIn(t.app, 'op_robot_admin');
    const body = (await agent.get('/api/criteria/rule-sets')).json();
    expect(body.total).toBe(5);
    expect(body.items.every((r: { status: string; version: number }) => r.status === 'published' && r.version === 1)).toBe(true);
  });

  it('evaluates a profile and explains each condition with its clause', async () => {
    const agent = await signIn(t.app, 'op_robot_admin');
    const res = await agent.post(`/api/criteria/rule-sets/${liaoningId}/evaluate`, { profile: { indicators: { teamsInSubField: 14 } } });
    expect(res.statusCode).toBe(200);
    const text = JSON.stringify(res.json().results);
    expect(text).toContain('辽宁指引 二(五)：细分领域创业团队或企业数量应不少于15家，申报值14家，不符合');
    expect(res.json().overall).toBe('fail');
  });

  it('answers a malformed profile with 400 naming the field', async () => {
    const agent = await signIn(t.app, 'op_robot_admin');
    const res = await agent.post(`/api/criteria/rule-sets/${liaoningId}/evaluate`, { profile: { indicators: { fundWan: -1 } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].field).toBe('profile.indicators.fundWan');
  });

  it('lets an authority clone, edit with optimistic locking, preview and publish; published versions are immutable', async () => {
    const admin = await signIn(t.app, 'ln_admin');
    const cloned = await admin.post(`/api/criteria/rule-sets/${liaoningId}/clone`, { title: '辽宁省专业化众创空间基本条件（2026修订）' });
    expect(cloned.statusCode).toBe(200);
    const draft = cloned.json();
    expect(draft).toMatchObject({ status: 'draft', key: 'liaoning-2019-210000', version: null, revision: 1 });

    const detail = (await admin.get(`/api/criteria/rule-sets/${draft.id}`)).json();
    expect(detail.abilities).toMatchObject({ edit: true, publish: true });
    const definition = detail.definition;
    const group = definition.conditions.find((c: { id: string }) => c.id === 'ln-2-5');
    group.conditions[0].value = 20;

    const saved = await admin.put(`/api/criteria/rule-sets/${draft.id}`, { revision: 1, definition });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().revision).toBe(2);
    const stale = await admin.put(`/api/criteria/rule-sets/${draft.id}`, { revision: 1, definition });
    expect(stale.statusCode).toBe(409);

    const preview = await admin.post(`/api/criteria/rule-sets/${draft.id}/evaluate`, { profile: { indicators: { teamsInSubField: 18 } } });
    expect(JSON.stringify(preview.json().results)).toContain('应不少于20家，申报值18家');

    const published = await admin.post(`/api/criteria/rule-sets/${draft.id}/publish`, { revision: 2 });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', version: 1 });
    const edit = await admin.put(`/api/criteria/rule-sets/${draft.id}`, { revision: 3, definition });
    expect(edit.statusCode).toBe(409);

    // The shipped version is untouched.
    const original = (await admin.get(`/api/criteria/rule-sets/${liaoningId}`)).json();
    expect(JSON.stringify(original.definition)).toContain('"value":15');
  });

  it('rejects an invalid definition naming the field, and keeps the draft as it was', async () => {
    const admin = await signIn(t.app, 'js_admin');
    const draft = (await admin.post(`/api/criteria/rule-sets/${liaoningId}/clone`, {})).json();
    const res = await admin.put(`/api/criteria/rule-sets/${draft.id}`, {
      revision: 1,
      definition: { id: 'x', title: 't', source: 's', conditions: [{ id: 'bad', clause: 'c', kind: 'threshold', field: 'indicators.nope', op: 'gte', value: 1 }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].field).toMatch(/^body\.definition\.conditions\.0/);
    expect((await admin.get(`/api/criteria/rule-sets/${draft.id}`)).json().revision).toBe(1);
  });

  it('hides a draft from other jurisdictions (404) and refuses non-admins, changing nothing', async () => {
    const lnAdmin = await signIn(t.app, 'ln_admin');
    const draft = (await lnAdmin.post(`/api/criteria/rule-sets/${liaoningId}/clone`, { key: 'ln-draft-hidden' })).json();
    const before = await countRuleSets();

    const other = await signIn(t.app, 'nj_admin');
    expect((await other.get(`/api/criteria/rule-sets/${draft.id}`)).statusCode).toBe(404);
    expect((await other.put(`/api/criteria/rule-sets/${draft.id}`, { revision: 1, definition: {} })).statusCode).toBe(404);
    expect((await other.post(`/api/criteria/rule-sets/${draft.id}/publish`, { revision: 1 })).statusCode).toBe(404);

    const cityReviewer = await signIn(t.app, 'sy_reviewer');
    expect((await cityReviewer.get(`/api/criteria/rule-sets/${draft.id}`)).statusCode).toBe(404);
    const provinceReviewer = await signIn(t.app, 'ln_reviewer');
    expect((await provinceReviewer.get(`/api/criteria/rule-sets/${draft.id}`)).statusCode).toBe(200);
    expect((await provinceReviewer.post(`/api/criteria/rule-sets/${draft.id}/publish`, { revision: 1 })).statusCode).toBe(403);

    const operator = await signIn(t.app, 'op_robot_admin');
    expect((await operator.post(`/api/criteria/rule-sets/${liaoningId}/clone`, {})).statusCode).toBe(403);

    expect(await countRuleSets()).toBe(before);
    expect((await lnAdmin.get(`/api/criteria/rule-sets/${draft.id}`)).json()).toMatchObject({ status: 'draft', revision: 1 });
  });

  it('refuses a key that another jurisdiction already uses', async () => {
    const js = await signIn(t.app, 'js_admin');
    await js.post(`/api/criteria/rule-sets/${liaoningId}/clone`, { key: 'shared-key-test' });
    const ln = await signIn(t.app, 'ln_admin');
    const res = await ln.post(`/api/criteria/rule-sets/${liaoningId}/clone`, { key: 'shared-key-test' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields[0].field).toBe('body.key');
  });
});
