import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Agent } from './helpers/agent.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { submitDemoApplication } from './helpers/journey.ts';

/**
 * A province that is not happy with the shipped chain sets up its own without a code change: the
 * Liaoning admin clones the shipped chain, drops the public notice, publishes it, issues a call on
 * it, and an application runs through the custom stages (issue 10's acceptance, API side).
 */
let t: TestApp;
let admin: Agent;
let reviewer: Agent;
const DAY = 24 * 3600_000;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  admin = await signIn(t.app, 'ln_admin');
  reviewer = await signIn(t.app, 'sy_reviewer');
});
afterAll(() => t.close());

describe('a call on an authority’s own chain', () => {
  it('runs its applications through the published version’s stages', async () => {
    const shipped = ((await admin.get('/api/chains')).json().items as { id: string; key: string }[]).find((c) => c.key === 'liaoning_province')!;
    const cloned = await admin.post(`/api/chains/${shipped.id}/clone`, {});
    expect(cloned.statusCode, cloned.body).toBe(200);
    const draft = (await admin.get(`/api/chains/${cloned.json().id}`)).json();
    const stages = (draft.definition.stages as { key: string; name: string }[]).filter((s) => s.key !== 'city_notice');
    stages[0]!.name = '市级真实性审查（含实地核查）';
    const saved = await admin.put(`/api/chains/${draft.id}`, { revision: draft.revision, name: `${draft.name}（无公示）`, nameEn: draft.nameEn, level: draft.level, requiresFiling: draft.requiresFiling, definition: { stages } });
    expect(saved.statusCode, saved.body).toBe(200);
    const published = await admin.post(`/api/chains/${draft.id}/publish`, { revision: saved.json().revision });
    expect(published.statusCode, published.body).toBe(200);

    const call = await admin.post('/api/calls', {
      title: '辽宁省 2026 年第二批专业化众创空间备案（自定流程）',
      level: 'province',
      year: 2026,
      opensAt: new Date(Date.now() - DAY).toISOString(),
      closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
      eligibleCategories: ['professional'],
      materialSlots: [{ key: 'business_licence', name: '营业执照', required: true }],
      chainId: draft.id,
    });
    expect(call.statusCode, call.body).toBe(201);
    const issued = await admin.post(`/api/calls/${call.json().id}/publish`, { revision: call.json().revision });
    expect(issued.statusCode, issued.body).toBe(200);

    const app = await submitDemoApplication(t, 'liaoning_province', { newSpace: true, callId: call.json().id });
    const work = await reviewer.get(`/api/review/applications/${app.id}`);
    expect(work.statusCode, work.body).toBe(200);
    expect(work.json().stage).toMatchObject({ key: 'city_authenticity', name: '市级真实性审查（含实地核查）' });
    expect(work.json().chain.map((s: { key: string }) => s.key)).toEqual(['city_authenticity', 'city_recommend', 'province_expert', 'province_decision']);

    const checklist = (work.json().stage.checklist as { key: string; label: string }[]).map((c) => ({ key: c.key, verdict: 'ok', note: `已核查：${c.label}` }));
    const passed = await reviewer.post(`/api/review/applications/${app.id}/pass`, { stageKey: 'city_authenticity', checklist, note: '经实地核查属实' });
    expect(passed.statusCode, passed.body).toBe(200);
    // No public notice in this chain: the application goes straight to the city's recommendation.
    expect(passed.json().stage.key).toBe('city_recommend');
  });
});
