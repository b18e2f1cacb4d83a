import { createHash } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { uploadFile } from '../../../test/helpers/journey.ts';
import { auditLog } from '../audit/schema.ts';
import { users } from '../identity/schema.ts';
import { mailOutbox, notifications } from '../notify/schema.ts';
import { canMoveValidity, sanitiseBody } from './rules.ts';
import { policies, policySubscriptionHits, policySubscriptions, policySupportItems } from './schema.ts';

let t: TestApp;
let ln: Agent; // 辽宁省科技厅管理员
let sy: Agent; // 沈阳市科技局管理员
let js: Agent; // 江苏省科技厅管理员
let lnReviewer: Agent;
let maker: Agent;
let anon: Agent;

const policyBody = (over: Record<string, unknown> = {}) => ({
  kind: 'policy',
  title: '辽宁省专业化众创空间建设工作指引（试行）',
  indexNo: '210000-2019-00125',
  themes: ['maker_space'],
  issuer: '辽宁省科学技术厅',
  writtenOn: '2019-04-25',
  docNo: '辽科发〔2019〕18号',
  issuedOn: '2019-04-25',
  keywords: ['专业化众创空间', '备案'],
  targets: ['professional_space'],
  body: '<p>为进一步引导和促进辽宁省众创空间向高质量、专业化方向发展。</p><script>alert(1)</script><p onclick="x()">对<strong>专业化众创空间</strong>给予运营补助。</p>',
  attachmentFileIds: [],
  supportItems: [{ category: 'operating', title: '专业化众创空间运营补助', capWan: 50, period: '每年' }],
  ...over,
});

const fieldsOf = (res: { json: () => { error?: { fields?: { field: string }[] } } }) => (res.json().error?.fields ?? []).map((f) => f.field);

async function snapshot() {
  const db = t.ctx.db;
  return {
    policies: await db.select().from(policies).orderBy(policies.id),
    items: await db.select().from(policySupportItems).orderBy(policySupportItems.id),
    subscriptions: await db.select().from(policySubscriptions).orderBy(policySubscriptions.id),
    hits: await db.select().from(policySubscriptionHits).orderBy(policySubscriptionHits.subscriptionId),
    mails: await db.select().from(mailOutbox).orderBy(mailOutbox.id),
    audits: (await db.select({ id: auditLog.id }).from(auditLog).where(inArray(auditLog.action, ['policy.create', 'policy.edit', 'policy.publish', 'policy.validity', 'policy.subscription.create', 'policy.subscription.delete']))).length,
  };
}

async function publish(agent: Agent, body: Record<string, unknown>) {
  const draft = await agent.post('/api/policies', body);
  expect(draft.statusCode, draft.body).toBe(201);
  const res = await agent.post(`/api/policies/${draft.json().id}/publish`, { revision: draft.json().revision });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [ln, sy, js, lnReviewer, maker] = (await Promise.all(['ln_admin', 'sy_admin', 'js_admin', 'ln_reviewer', 'maker_chen'].map((u) => signIn(t.app, u)))) as [Agent, Agent, Agent, Agent, Agent];
  anon = new Agent(t.app);
  await anon.get('/api/auth/csrf');
});
afterAll(() => t.close());

describe('rules', () => {
  it('moves validity only from 有效, and sanitises the body', () => {
    expect(canMoveValidity('effective', 'revised')).toBe(true);
    expect(canMoveValidity('revised', 'effective')).toBe(false);
    expect(canMoveValidity('repealed', 'expired')).toBe(false);
    expect(sanitiseBody('<p onclick="x">a<script>b</script><img src=x></p>')).toBe('<p>a</p>');
  });
});

describe('the policy library', () => {
  let first: { id: string; revision: number };

  it('refuses bad input naming each field, and unknown fields', async () => {
    const bad = await ln.post('/api/policies', policyBody({ title: '', kind: 'law', themes: ['x'], writtenOn: '2019-13-01', supportItems: [{ category: 'gift', title: '补', capWan: -1 }] }));
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['body.title', 'body.kind', 'body.themes.0', 'body.writtenOn', 'body.supportItems.0.category', 'body.supportItems.0.capWan']));
    expect(bad.json().error.fields.find((f: { field: string }) => f.field === 'body.title').message).toMatch(/标题/);
    expect((await ln.post('/api/policies', { ...policyBody(), status: 'published' })).statusCode).toBe(400);
    // Cross-field checks name their field too.
    const interp = await ln.post('/api/policies', policyBody({ kind: 'interpretation' }));
    expect(interp.statusCode).toBe(400);
    expect(fieldsOf(interp)).toEqual(['body.interpretsId']);
    const early = await ln.post('/api/policies', policyBody({ issuedOn: '2019-01-01' }));
    expect(fieldsOf(early)).toEqual(['body.issuedOn']);
    const region = await sy.post('/api/policies', policyBody({ regionCode: '210000' }));
    expect(fieldsOf(region)).toEqual(['body.regionCode']);
    const q = await anon.get('/api/public/policies?year=abc&validity=old');
    expect(q.statusCode).toBe(400);
    expect(fieldsOf(q)).toEqual(expect.arrayContaining(['querystring.year', 'querystring.validity']));
  });

  it('keeps drafts inside the jurisdiction, saves under a revision, and publishes to the public', async () => {
    const draft = await ln.post('/api/policies', policyBody());
    expect(draft.statusCode, draft.body).toBe(201);
    first = draft.json();
    expect(draft.json()).toMatchObject({ status: 'draft', level: 'province', regionCode: '210000', supportItems: [{ category: 'operating', capWan: 50, period: '每年' }] });
    expect(draft.json().body).not.toMatch(/script|onclick/);

    // A draft is not public; the province's reviewer reads it, the city below does not own it.
    expect((await anon.get(`/api/public/policies/${first.id}`)).statusCode).toBe(404);
    expect((await anon.get('/api/public/policies?q=专业化')).json().total).toBe(0);
    expect((await lnReviewer.get(`/api/policies/${first.id}`)).statusCode).toBe(200);
    expect((await lnReviewer.put(`/api/policies/${first.id}`, { ...policyBody(), revision: first.revision })).statusCode).toBe(403);

    const saved = await ln.put(`/api/policies/${first.id}`, { ...policyBody({ keywords: ['专业化众创空间', '备案', '运营补助'] }), revision: first.revision });
    expect(saved.statusCode, saved.body).toBe(200);
    const stale = await ln.put(`/api/policies/${first.id}`, { ...policyBody(), revision: first.revision });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_REVISION');
    expect((await ln.get(`/api/policies/${first.id}`)).json().keywords).toContain('运营补助');

    const published = await ln.post(`/api/policies/${first.id}/publish`, { revision: saved.json().revision });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', validity: 'effective', validFrom: '2019-04-25' });
    first = published.json();
    const pub = await anon.get(`/api/public/policies/${first.id}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ docNo: '辽科发〔2019〕18号', issuer: '辽宁省科学技术厅', canEdit: false });
    // Published is final but for its validity.
    expect((await ln.put(`/api/policies/${first.id}`, { ...policyBody(), revision: first.revision })).statusCode).toBe(409);
    expect((await ln.post(`/api/policies/${first.id}/publish`, { revision: first.revision })).statusCode).toBe(409);
  });

  it('finds policies in Chinese by a two-character term and by 发文字号, with filters, sorted and paged', async () => {
    await publish(js, policyBody({ title: '关于组织开展国家专业化众创空间备案推荐工作的通知', issuer: '江苏省科学技术厅', docNo: '苏科高发〔2018〕169号', writtenOn: '2018-06-15', issuedOn: '2018-06-15', keywords: ['推荐'], body: '<p>各设区市科技局：做好我省国家专业化众创空间备案推荐工作。</p>', supportItems: [], themes: ['incubation'] }));
    const two = (await anon.get(`/api/public/policies?q=${encodeURIComponent('推荐')}`)).json();
    expect(two.items.map((p: { docNo: string }) => p.docNo)).toEqual(['苏科高发〔2018〕169号']);
    const byBody = (await anon.get(`/api/public/policies?q=${encodeURIComponent('高质量')}`)).json();
    expect(byBody.items.map((p: { id: string }) => p.id)).toEqual([first.id]);
    const byNo = (await anon.get(`/api/public/policies?q=${encodeURIComponent('苏科高发〔2018〕169')}`)).json();
    expect(byNo.total).toBe(1);
    expect((await anon.get(`/api/public/policies?q=${encodeURIComponent('众创')}`)).json().total).toBe(2);
    expect((await anon.get(`/api/public/policies?q=${encodeURIComponent('众创')}&region=320000`)).json()).toMatchObject({ total: 1, items: [{ issuer: '江苏省科学技术厅' }] });
    // A region filter takes the region and those below it, never those above: 南京 has no policy of its own.
    expect((await anon.get(`/api/public/policies?q=${encodeURIComponent('众创')}&region=210000`)).json()).toMatchObject({ total: 1, items: [{ issuer: '辽宁省科学技术厅' }] });
    expect((await anon.get(`/api/public/policies?q=${encodeURIComponent('众创')}&region=320100`)).json()).toMatchObject({ total: 0, items: [] });
    expect((await anon.get('/api/public/policies?year=2019')).json().total).toBe(1);
    expect((await anon.get('/api/public/policies?theme=incubation')).json().total).toBe(1);
    expect((await anon.get('/api/public/policies?level=city')).json().total).toBe(0);
    const sorted = (await anon.get('/api/public/policies?sort=issuedOn&order=asc&pageSize=1&page=2')).json();
    expect(sorted).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    // A page past the end still says how many there are.
    expect((await anon.get('/api/public/policies?sort=issuedOn&pageSize=1&page=9')).json()).toMatchObject({ total: 2, items: [], page: 9 });
    expect(sorted.items[0].id).toBe(first.id);
    // By relevance without a term: every policy, by date (it once answered 500: ORDER BY 0).
    const byRelevance = await anon.get('/api/public/policies?sort=relevance&order=desc');
    expect(byRelevance.statusCode).toBe(200);
    expect(byRelevance.json().total).toBe(2);
    // A literal % is searched for, not a wildcard.
    expect((await anon.get(`/api/public/policies?q=${encodeURIComponent('%')}`)).json().total).toBe(0);
  });

  it('keeps the searched text in the row, where a search reads it for every match (0070)', async () => {
    const result = await t.ctx.db.execute(sql`select attstorage from pg_attribute where attrelid = 'policies'::regclass and attname = 'search_text'`);
    const [column] = (result as unknown as { rows: { attstorage: string }[] }).rows;
    expect(column?.attstorage).toBe('m');
  });

  it('finds Latin letters whatever their case, in a policy written at creation and in one edited later', async () => {
    const created = await publish(js, policyBody({ title: '江苏省Fab Lab建设指引', issuer: '江苏省科学技术厅', docNo: '苏科高发〔2019〕8号', body: '<p>支持建设Fab Lab。</p>', supportItems: [], themes: ['incubation'] }));
    const draft = (await js.post('/api/policies', policyBody({ title: '江苏省创客空间指引', issuer: '江苏省科学技术厅', docNo: '苏科高发〔2019〕9号', supportItems: [], themes: ['incubation'] }))).json();
    const edited = await js.put(`/api/policies/${draft.id}`, { ...policyBody({ title: '江苏省创客空间指引', issuer: '江苏省科学技术厅', docNo: '苏科高发〔2019〕9号', body: '<p>鼓励举办Maker Faire。</p>', supportItems: [], themes: ['incubation'] }), revision: draft.revision });
    expect(edited.statusCode, edited.body).toBe(200);
    await js.post(`/api/policies/${draft.id}/publish`, { revision: edited.json().revision });
    const ids = async (q: string) => (await anon.get(`/api/public/policies?q=${encodeURIComponent(q)}`)).json().items.map((p: { id: string }) => p.id);
    expect(await ids('fab lab')).toEqual([created.id]);
    expect(await ids('FAB LAB')).toEqual([created.id]);
    expect(await ids('maker faire')).toEqual([draft.id]);
    expect(await ids('MAKER Faire')).toEqual([draft.id]);
    // The title keeps its letters as written.
    expect((await anon.get(`/api/public/policies/${created.id}`)).json().title).toBe('江苏省Fab Lab建设指引');
  });

  it('links an interpretation, and a revising policy marks the old one 修订 with the link', async () => {
    const interp = await publish(ln, policyBody({ kind: 'interpretation', interpretsId: first.id, title: '《辽宁省专业化众创空间建设工作指引（试行）》解读', docNo: null, supportItems: [] }));
    expect(interp.interprets).toMatchObject({ id: first.id });
    expect((await anon.get(`/api/public/policies/${first.id}`)).json().interpretations).toEqual([expect.objectContaining({ id: interp.id })]);

    const revising = await ln.post('/api/policies', policyBody({ title: '辽宁省专业化众创空间建设工作指引', docNo: '辽科发〔2021〕7号', writtenOn: '2021-03-01', issuedOn: '2021-03-05', replaces: { policyId: first.id, as: 'revised' } }));
    expect(revising.statusCode, revising.body).toBe(201);
    // Until the new one is published the old stays in force.
    expect((await anon.get(`/api/public/policies/${first.id}`)).json().validity).toBe('effective');
    const done = await ln.post(`/api/policies/${revising.json().id}/publish`, { revision: revising.json().revision });
    expect(done.statusCode, done.body).toBe(200);
    const old = (await anon.get(`/api/public/policies/${first.id}`)).json();
    expect(old).toMatchObject({ validity: 'revised', validUntil: '2021-03-05', replacedBy: { id: revising.json().id } });
    expect(done.json().replaces).toMatchObject({ id: first.id, as: 'revised' });
    expect((await anon.get('/api/public/policies?validity=revised')).json().items.map((p: { id: string }) => p.id)).toEqual([first.id]);

    // A revised policy cannot be revised again or repealed; an effective one can be repealed.
    const again = await ln.post('/api/policies', policyBody({ replaces: { policyId: first.id, as: 'repealed' } }));
    expect(fieldsOf(again)).toEqual(['body.replaces.policyId']);
    const current = (await ln.get(`/api/policies/${first.id}`)).json();
    expect((await ln.post(`/api/policies/${first.id}/validity`, { validity: 'repealed', on: '2022-01-01', revision: current.revision })).statusCode).toBe(409);
    const newer = done.json();
    const repealed = await ln.post(`/api/policies/${newer.id}/validity`, { validity: 'repealed', on: '2024-01-01', revision: newer.revision });
    expect(repealed.statusCode, repealed.body).toBe(200);
    expect(repealed.json()).toMatchObject({ validity: 'repealed', validUntil: '2024-01-01', canChangeValidity: false });
    const audits = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'policy.validity'));
    expect(audits.map((a) => (a.detail as { to: string }).to).sort()).toEqual(['repealed', 'revised']);
  });

  it('notifies a matching subscription exactly once per policy', async () => {
    const bad = await maker.post('/api/policy-subscriptions', { keywords: [], themes: [] });
    expect(fieldsOf(bad)).toEqual(['body.keywords']);
    const sub = await maker.post('/api/policy-subscriptions', { keywords: ['孵化'], themes: [], regionCode: '210100' });
    expect(sub.statusCode, sub.body).toBe(201);
    await maker.post('/api/policy-subscriptions', { keywords: ['孵化器'], themes: ['tax'] });
    const before = (await t.ctx.db.select().from(notifications)).length;
    // 江苏's policy is on another branch of the tree: no notice. 辽宁's (above 沈阳) matches.
    await publish(js, policyBody({ title: '江苏省科技企业孵化器管理办法', issuer: '江苏省科学技术厅', docNo: '苏科高规〔2022〕1号', body: '<p>孵化器的认定与管理。</p>', supportItems: [] }));
    expect((await t.ctx.db.select().from(notifications)).length).toBe(before);
    const p = await publish(ln, policyBody({ title: '辽宁省科技企业孵化器培育办法', docNo: '辽科发〔2022〕3号', body: '<p>支持孵化器和众创空间发展。</p>', supportItems: [] }));
    const mine = (await maker.get('/api/notifications')).json();
    const notices = mine.items.filter((n: { link: string }) => n.link === `/portal/policies/${p.id}`);
    expect(notices).toHaveLength(1);
    expect(notices[0].title).toContain('辽宁省科技企业孵化器培育办法');
    const hits = await t.ctx.db.select().from(policySubscriptionHits).where(eq(policySubscriptionHits.policyId, p.id));
    expect(hits).toHaveLength(1);
    // Running the match again adds nothing (the key holds).
    const { recordMatches } = await import('./repository.ts');
    expect(await t.ctx.db.transaction((tx) => recordMatches(tx, p.id))).toEqual([]);
    const listed = (await maker.get('/api/policy-subscriptions')).json().items;
    expect(listed).toHaveLength(2);
    // Without a choice a subscription is in-app only.
    expect(listed.map((s: { channel: string }) => s.channel)).toEqual(['in_app', 'in_app']);
  });

  it('refuses outsiders and changes nothing', async () => {
    const draft = (await ln.post('/api/policies', policyBody({ title: '辽宁省草稿政策' }))).json();
    const pub = (await ln.get(`/api/public/policies?q=${encodeURIComponent('孵化器培育')}`)).json().items[0];
    const sub = (await maker.get('/api/policy-subscriptions')).json().items[0];
    const before = await snapshot();
    // Another province's admin: a draft of 辽宁 does not exist for it; nor may it change 辽宁's policies.
    expect((await js.get(`/api/policies/${draft.id}`)).statusCode).toBe(404);
    expect((await js.put(`/api/policies/${draft.id}`, { ...policyBody(), revision: draft.revision })).statusCode).toBe(404);
    expect((await js.post(`/api/policies/${draft.id}/publish`, { revision: draft.revision })).statusCode).toBe(404);
    expect((await js.post(`/api/policies/${pub.id}/validity`, { validity: 'expired', on: '2025-01-01', revision: 1 })).statusCode).toBe(403);
    // The city below cannot touch the province's policy.
    expect((await sy.post(`/api/policies/${draft.id}/publish`, { revision: draft.revision })).statusCode).toBe(404);
    // A maker and the public manage nothing; the public cannot subscribe.
    expect((await maker.get('/api/policies')).statusCode).toBe(403);
    expect((await maker.post('/api/policies', policyBody())).statusCode).toBe(403);
    expect((await anon.post('/api/policies', policyBody())).statusCode).toBe(401);
    expect((await anon.post('/api/policy-subscriptions', { keywords: ['孵化'], themes: [] })).statusCode).toBe(401);
    // Someone else's subscription does not exist.
    expect((await ln.delete(`/api/policy-subscriptions/${sub.id}`)).statusCode).toBe(404);
    // Interpreting a draft of another jurisdiction is refused naming the field.
    expect(fieldsOf(await js.post('/api/policies', policyBody({ kind: 'interpretation', interpretsId: draft.id })))).toEqual(['body.interpretsId']);
    expect(await snapshot()).toEqual(before);
    // The owner may withdraw its own subscription.
    expect((await maker.delete(`/api/policy-subscriptions/${sub.id}`)).statusCode).toBe(200);
  });

  it('lists the jurisdiction with drafts for its staff, and the public only published', async () => {
    const mine = (await ln.get('/api/policies?status=draft')).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((p: { status: string }) => p.status === 'draft')).toBe(true);
    const pub = (await anon.get('/api/public/policies?pageSize=100')).json();
    expect(pub.items.every((p: { status: string }) => p.status === 'published')).toBe(true);
    expect((await js.get('/api/policies?pageSize=100')).json().items.every((p: { regionCode: string }) => p.regionCode.startsWith('32'))).toBe(true);
  });

  it('serves a published policy’s attachments to anyone, and nothing of a draft, of another policy or of another user', async () => {
    const { id: fileId, sha256 } = await uploadFile(ln, '指引附件.pdf');
    const { id: otherFile } = await uploadFile(ln, '另一附件.pdf');
    const { id: makersFile } = await uploadFile(maker, '创客的文件.pdf');
    // A file the admin did not upload cannot be attached.
    expect((await ln.post('/api/policies', policyBody({ title: '辽宁省附件测试政策', attachmentFileIds: [makersFile] }))).statusCode).toBe(404);
    const draft = (await ln.post('/api/policies', policyBody({ title: '辽宁省附件测试政策', attachmentFileIds: [fileId, fileId] }))).json();
    expect(draft.attachments).toEqual([expect.objectContaining({ id: fileId, name: '指引附件.pdf', kind: 'pdf' })]);
    // While a draft, neither the policy nor its attachment is public.
    expect((await anon.get(`/api/public/policies/${draft.id}/attachments/${fileId}`)).statusCode).toBe(404);
    const published = await ln.post(`/api/policies/${draft.id}/publish`, { revision: draft.revision });
    expect(published.statusCode, published.body).toBe(200);
    expect((await anon.get(`/api/public/policies/${draft.id}`)).json().attachments).toEqual([expect.objectContaining({ id: fileId, name: '指引附件.pdf' })]);
    const download = await anon.get(`/api/public/policies/${draft.id}/attachments/${fileId}`);
    expect(download.statusCode, download.body).toBe(200);
    expect(download.headers['content-disposition']).toContain(encodeURIComponent('指引附件.pdf'));
    expect(createHash('sha256').update(download.rawPayload).digest('hex')).toBe(sha256);
    // A file that is not this policy's is not found through it.
    expect((await anon.get(`/api/public/policies/${draft.id}/attachments/${otherFile}`)).statusCode).toBe(404);
    expect((await anon.get(`/api/public/policies/${first.id}/attachments/${fileId}`)).statusCode).toBe(404);
  });

  it('exports the published library as CSV with a BOM and as JSON under its filters, never a draft', async () => {
    const drafts = (await ln.get('/api/policies?status=draft&pageSize=100')).json().items.map((p: { id: string }) => p.id);
    expect(drafts.length).toBeGreaterThan(0);
    const json = await anon.get('/api/public/policies/export?format=json');
    expect(json.statusCode, json.body).toBe(200);
    expect(json.headers['content-disposition']).toMatch(/attachment; filename="policies-\d{4}-\d{2}-\d{2}\.json"/);
    const all = json.json();
    const listed = (await anon.get('/api/public/policies?pageSize=100')).json();
    expect(all.total).toBe(listed.total);
    expect(all.items.map((p: { id: string }) => p.id)).toEqual(listed.items.map((p: { id: string }) => p.id));
    expect(all.items.some((p: { id: string }) => drafts.includes(p.id))).toBe(false);
    expect(all.items.find((p: { docNo: string }) => p.docNo === '辽科发〔2021〕7号')).toMatchObject({
      indexNo: '210000-2019-00125',
      issuer: '辽宁省科学技术厅',
      validity: 'repealed',
      validUntil: '2024-01-01',
      regionName: '辽宁省',
      targets: ['professional_space'],
      supportItems: [{ category: 'operating', title: '专业化众创空间运营补助', capWan: 50, period: '每年' }],
    });
    // The text is on the policy's page, not in the open data.
    expect(all.items[0]).not.toHaveProperty('body');

    const filtered = await anon.get(`/api/public/policies/export?format=csv&q=${encodeURIComponent('推荐')}`);
    expect(filtered.statusCode, filtered.body).toBe(200);
    expect(filtered.headers['content-type']).toMatch(/text\/csv/);
    expect(filtered.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = filtered.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^"标题","类型","索引号","主题分类","发文机关","发文字号"/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('苏科高发〔2018〕169号');
    expect(lines[1]).toContain('孵化育成');
    const revised = (await anon.get('/api/public/policies/export?format=csv&validity=revised')).body;
    expect(revised).toContain('已修订');
    expect(revised).toContain('运营补助：专业化众创空间运营补助（上限 50 万元，每年）');
    expect(fieldsOf(await anon.get('/api/public/policies/export?format=xml'))).toEqual(['querystring.format']);
  });
});

describe('subscriptions by mail', () => {
  const MAKER_MAIL = 'chen.policy@example.cn';
  const SY_MAIL = 'sy.policy@example.cn';
  const mailsTo = (to: string) => t.ctx.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, to));
  const subscriptionCount = async () => (await t.ctx.db.select().from(policySubscriptions)).length;
  let policy: { id: string; revision: number };

  it('refuses the mail choice to an account without an e-mail address, and an unknown channel, naming the field', async () => {
    const before = await subscriptionCount();
    const noMail = await maker.post('/api/policy-subscriptions', { keywords: ['科技创新券'], themes: [], channel: 'in_app_mail' });
    expect(noMail.statusCode).toBe(400);
    expect(fieldsOf(noMail)).toEqual(['body.channel']);
    expect(noMail.json().error.fields[0].message).toMatch(/电子邮箱/);
    const unknown = await maker.post('/api/policy-subscriptions', { keywords: ['科技创新券'], themes: [], channel: 'sms' });
    expect(unknown.statusCode).toBe(400);
    expect(fieldsOf(unknown)).toEqual(['body.channel']);
    expect(unknown.json().error.fields[0].message).toMatch(/通知方式/);
    expect(await subscriptionCount()).toBe(before);
  });

  it('mails a mail subscription once, with the title, 发文机关, 发文字号 and the public link; an in-app one gets no mail', async () => {
    await t.ctx.db.update(users).set({ email: MAKER_MAIL }).where(eq(users.username, 'maker_chen'));
    await t.ctx.db.update(users).set({ email: SY_MAIL }).where(eq(users.username, 'sy_admin'));
    const sub = await maker.post('/api/policy-subscriptions', { keywords: ['科技创新券'], themes: [], channel: 'in_app_mail' });
    expect(sub.statusCode, sub.body).toBe(201);
    expect(sub.json()).toMatchObject({ channel: 'in_app_mail', keywords: ['科技创新券'] });
    // A second mail subscription of the same account matching the same policy: still one mail.
    expect((await maker.post('/api/policy-subscriptions', { keywords: [], themes: ['finance'], channel: 'in_app_mail' })).statusCode).toBe(201);
    // Someone with an address but an in-app subscription is not mailed.
    expect((await sy.post('/api/policy-subscriptions', { keywords: ['科技创新券'], themes: [], channel: 'in_app' })).statusCode).toBe(201);

    policy = await publish(ln, policyBody({ title: '辽宁省科技创新券管理办法', docNo: '辽科发〔2023〕5号', themes: ['finance'], body: '<p>科技创新券用于购买科技服务。</p>', supportItems: [] }));
    const mails = await mailsTo(MAKER_MAIL);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('新政策：辽宁省科技创新券管理办法');
    expect(mails[0]!.body).toContain('《辽宁省科技创新券管理办法》');
    expect(mails[0]!.body).toContain('发文机关：辽宁省科学技术厅');
    expect(mails[0]!.body).toContain('发文字号：辽科发〔2023〕5号');
    expect(mails[0]!.body).toContain(`${t.ctx.config.publicUrl.replace(/\/$/, '')}/portal/policies/${policy.id}`);
    expect(await mailsTo(SY_MAIL)).toEqual([]);
    // Both are told in-app, once.
    for (const who of [maker, sy]) {
      const notices = (await who.get('/api/notifications')).json().items.filter((n: { link: string }) => n.link === `/portal/policies/${policy.id}`);
      expect(notices).toHaveLength(1);
    }
  });

  it('never mails twice: re-matching, re-saving, re-publishing and validity changes add nothing', async () => {
    const { recordMatches } = await import('./repository.ts');
    expect(await t.ctx.db.transaction((tx) => recordMatches(tx, policy.id))).toEqual([]);
    expect((await ln.put(`/api/policies/${policy.id}`, { ...policyBody(), revision: policy.revision })).statusCode).toBe(409);
    expect((await ln.post(`/api/policies/${policy.id}/publish`, { revision: policy.revision })).statusCode).toBe(409);
    const expired = await ln.post(`/api/policies/${policy.id}/validity`, { validity: 'expired', on: '2025-01-01', revision: policy.revision });
    expect(expired.statusCode, expired.body).toBe(200);
    expect(await mailsTo(MAKER_MAIL)).toHaveLength(1);
    const notices = (await maker.get('/api/notifications')).json().items.filter((n: { link: string }) => n.link === `/portal/policies/${policy.id}`);
    expect(notices).toHaveLength(1);
  });

  it("uses the publishing authority's wording of policy.matched, with that notice's placeholders only", async () => {
    const wrong = await ln.put('/api/notification-templates/policy.matched', { title: '{{space}}新政策', body: '{{policy}}' });
    expect(wrong.statusCode).toBe(400);
    expect(fieldsOf(wrong)).toEqual(['body.title']);
    // The review chain's notices do not know the policy's placeholders either.
    expect(fieldsOf(await ln.put('/api/notification-templates/stage.passed', { title: '{{issuer}}', body: '{{space}}' }))).toEqual(['body.title']);
    const saved = await ln.put('/api/notification-templates/policy.matched', { title: '【辽宁科技】{{policy}}', body: '{{issuer}}印发{{docNo}}，详见{{link}}' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().items.find((i: { key: string }) => i.key === 'policy.matched')).toMatchObject({ placeholders: ['policy', 'issuer', 'docNo', 'link'] });
    const next = await publish(ln, policyBody({ title: '辽宁省科技创新券实施细则', docNo: null, themes: ['finance'], body: '<p>科技创新券的申领和兑付。</p>', supportItems: [] }));
    const mail = (await mailsTo(MAKER_MAIL)).find((m) => m.subject.includes('实施细则'))!;
    expect(mail.subject).toBe('【辽宁科技】辽宁省科技创新券实施细则');
    expect(mail.body).toBe(`辽宁省科学技术厅印发无，详见${t.ctx.config.publicUrl.replace(/\/$/, '')}/portal/policies/${next.id}`);
    expect((await ln.delete('/api/notification-templates/policy.matched')).statusCode).toBe(200);
  });

  it('refuses the anonymous and outsiders, and nothing changes', async () => {
    const mine = (await maker.get('/api/policy-subscriptions')).json().items.find((s: { channel: string }) => s.channel === 'in_app_mail');
    const before = await snapshot();
    expect((await anon.post('/api/policy-subscriptions', { keywords: ['孵化'], themes: [], channel: 'in_app_mail' })).statusCode).toBe(401);
    expect((await anon.get('/api/policy-subscriptions')).statusCode).toBe(401);
    expect((await anon.delete(`/api/policy-subscriptions/${mine.id}`)).statusCode).toBe(401);
    // Another account neither sees nor withdraws the maker's mail subscription.
    expect((await js.get('/api/policy-subscriptions')).json().items.some((s: { id: string }) => s.id === mine.id)).toBe(false);
    expect((await js.delete(`/api/policy-subscriptions/${mine.id}`)).statusCode).toBe(404);
    expect((await sy.delete(`/api/policy-subscriptions/${mine.id}`)).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});
