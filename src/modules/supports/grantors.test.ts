import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { multipart } from '../../../test/helpers/multipart.ts';
import { createAccountInTx, hashPassword } from '../identity/index.ts';
import { createOrganisationInTx } from '../orgs/index.ts';
import { SYSTEM_CONTEXT } from '../../shared/audit-context.ts';

/**
 * Every grantor discloses its own supports through the kernel (issue 17): a county authority, the
 * ministry and a recommending unit (a high-tech zone committee) each propose, check, put on a notice,
 * decide and publish on their own chain in a standing call of their own region; the departments
 * around them (the city above the county, another county, the city bureau over the zone, a province)
 * cannot work those stages, and nothing changes when they try. No filing is ever given.
 */
let t: TestApp;
const as: Record<string, Agent> = {};
const q = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => t.ctx.database.query<T>(sql, params);
const DAY = 86_400_000;
const ok = (key: string) => ({ key, verdict: 'ok', note: '已核对' });

type Space = { id: string; operatorName: string; operatorUscc: string };
const spaces: Record<'changge' | 'zone', Space> = {} as never;
let basis: { policyId: string; supportItemId: string; category: string };

const fingerprint = async () => ({
  supports: await q('select id, status, submission_id, revision from supports order by id'),
  submissions: await q(`select id, status, stage_key, revision from applications where kind = 'support' order by id`),
  notices: await q('select id from public_notices order by id'),
  decisions: await q('select id, status from decisions order by id'),
  filings: await q('select id from filings order by id'),
});

/** The demo's space in 长葛, and a copy of it in 苏州高新区, each given an active city filing (a support is for a filed space). */
async function filedSpaces() {
  const [changge] = await q<{ id: string; name: string; uscc: string }>(
    `select s.id, o.name, o.uscc from spaces s join organisations o on o.id = s.operator_org_id where s.region_code = '411082' and o.uscc is not null order by s.name limit 1`,
  );
  const [zone] = await q<{ id: string }>(`insert into spaces (name, operator_org_id, category, industry, region_code) select '苏州高新区狮山众创空间', operator_org_id, category, industry, '320505' from spaces where id = $1 returning id`, [changge!.id]);
  const [call] = await q<{ id: string; authority_org_id: string }>(`select id, authority_org_id from calls where kind = 'filing' order by title limit 1`);
  const [list] = await q<{ id: string }>(
    `insert into filing_lists (call_id, stage_key, authority_org_id, kind, level, title, document_number, issued_on) values ($1, 'city_decision', $2, 'filing', 'city', '2025年众创空间备案名单', '备〔2025〕1号', '2025-06-01') returning id`,
    [call!.id, call!.authority_org_id],
  );
  for (const id of [changge!.id, zone!.id]) {
    const [app] = await q<{ id: string }>(
      `insert into applications (call_id, space_id, operator_org_id, kind, status, stage_key, round, submitted_at) select $1, id, operator_org_id, 'filing', 'filed', 'city_decision', 1, now() from spaces where id = $2 returning id`,
      [call!.id, id],
    );
    await q(`insert into filings (space_id, level, application_id, list_id) values ($1, 'city', $2, $3)`, [id, app!.id, list!.id]);
  }
  const of = (id: string): Space => ({ id, operatorName: changge!.name, operatorUscc: changge!.uscc });
  return { changge: of(changge!.id), zone: of(zone!.id) };
}

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  for (const u of ['cg_admin', 'cg_reviewer', 'yz_admin', 'xc_admin', 'most_admin', 'most_reviewer', 'ln_admin', 'szgx_admin', 'szgx_reviewer', 'sz_admin', 'js_admin']) as[u] = await signIn(t.app, u);
  Object.assign(spaces, await filedSpaces());
  // The legal basis: a published policy of the ministry with one support item.
  const draft = await as.most_admin!.post('/api/policies', {
    kind: 'policy',
    title: '众创空间运营补助办法',
    themes: ['maker_space'],
    issuer: '科学技术部',
    keywords: ['扶持'],
    regionCode: '000000',
    targets: ['maker_space'],
    body: '<p>对众创空间给予运营补助。</p>',
    attachmentFileIds: [],
    supportItems: [{ category: 'operating', title: '众创空间运营补助', capWan: 50, period: '每年' }],
  });
  expect(draft.statusCode, draft.body).toBe(201);
  const policy = await as.most_admin!.post(`/api/policies/${draft.json().id}/publish`, { revision: draft.json().revision });
  expect(policy.statusCode, policy.body).toBe(200);
  basis = { policyId: policy.json().id, supportItemId: policy.json().supportItems[0].id, category: 'operating' };
}, 300_000);
afterAll(async () => {
  await t.close();
});

const body = (space: Space, projectTitle: string) => ({
  ...basis,
  beneficiaryUscc: space.operatorUscc,
  beneficiaryName: space.operatorName,
  beneficiaryRole: 'operator',
  spaceId: space.id,
  projectTitle,
  periodFrom: '2026-01-01',
  periodTo: '2026-06-30',
  invoiceNos: [`FP-${projectTitle.length}-${Date.now()}`],
  amountYuan: 80000,
  grantedOn: '2026-07-10',
});

interface Grantor {
  admin: string;
  reviewer: string;
  space: keyof typeof spaces;
  stagePrefix: string;
  chainKey: string;
  grantorName: string;
  /** Departments around the grantor that must not work its stages, with the status their pass at its check gets (403 when they read the space's submissions, 404 when not). */
  outsiders: [string, number][];
}

const GRANTORS: Record<string, Grantor> = {
  county: {
    admin: 'cg_admin',
    reviewer: 'cg_reviewer',
    space: 'changge',
    stagePrefix: 'county',
    chainKey: 'support_county',
    grantorName: '长葛市科学技术局',
    // The city above it works other stages of its spaces; the neighbouring county does not see them.
    outsiders: [
      ['xc_admin', 403],
      ['yz_admin', 404],
    ],
  },
  ministry: {
    admin: 'most_admin',
    reviewer: 'most_reviewer',
    space: 'changge',
    stagePrefix: 'national',
    chainKey: 'support_national',
    grantorName: '中华人民共和国科学技术部',
    outsiders: [
      ['xc_admin', 403],
      ['cg_admin', 403],
    ],
  },
  unit: {
    admin: 'szgx_admin',
    reviewer: 'szgx_reviewer',
    space: 'zone',
    stagePrefix: 'unit',
    chainKey: 'support_unit',
    grantorName: '苏州高新技术产业开发区管理委员会',
    // 苏州's bureau is a recommender over the zone, and its province is above: neither works the zone's own chain.
    outsiders: [
      ['sz_admin', 403],
      ['js_admin', 403],
    ],
  },
};

/** Records and proposes one support of the grantor; answers the support and its submission. */
async function propose(g: Grantor, projectTitle: string) {
  const draft = await as[g.reviewer]!.post('/api/supports', body(spaces[g.space], projectTitle));
  expect(draft.statusCode, draft.body).toBe(201);
  const proposed = await as[g.admin]!.post('/api/supports/propose', { ids: [draft.json().id] });
  expect(proposed.statusCode, proposed.body).toBe(200);
  expect(proposed.json().items[0]).toMatchObject({ status: 'on_notice', submission: { status: 'submitted', stageKey: `${g.stagePrefix}_support_check` } });
  return { supportId: draft.json().id as string, submissionId: proposed.json().items[0].submission.id as string };
}

/** The grantor's check passes and its admin puts the support on a notice running now. */
async function toNotice(g: Grantor, submissionId: string) {
  const passed = await as[g.reviewer]!.post(`/api/review/applications/${submissionId}/pass`, {
    stageKey: `${g.stagePrefix}_support_check`,
    checklist: ['basis_checked', 'evidence_checked', 'duplicates_checked'].map(ok),
    note: '核对无误，拟公示',
  });
  expect(passed.statusCode, passed.body).toBe(200);
  const [call] = await q<{ id: string; region_code: string; authority_org_id: string; title: string; chain_key: string }>(
    `select c.id, c.region_code, c.authority_org_id, c.title, ch.key as chain_key from calls c join applications a on a.call_id = c.id join chains ch on ch.id = c.chain_id where a.id = $1`,
    [submissionId],
  );
  const notice = await as[g.admin]!.post('/api/notices', {
    callId: call!.id,
    stageKey: `${g.stagePrefix}_support_notice`,
    applicationIds: [submissionId],
    title: `${g.grantorName}扶持情况公示`,
    body: '以下扶持拟予公开。公示期内如有异议，请实名提出。',
    startsAt: new Date(Date.now() - 60_000).toISOString(),
    endsAt: new Date(Date.now() + 7 * DAY).toISOString(),
  });
  expect(notice.statusCode, notice.body).toBe(201);
  return { call: call!, noticeId: notice.json().id as string };
}

let visitors = 0;
async function objectTo(noticeId: string, submissionId: string) {
  const [entry] = await q<{ id: string }>('select id from notice_entries where notice_id = $1 and application_id = $2', [noticeId, submissionId]);
  // A visitor of its own (the public objection endpoint is rate limited by address).
  const visitor = new Agent(t.app, `10.0.9.${++visitors}`);
  await visitor.get('/api/auth/csrf');
  const form = multipart([
    { name: 'entryId', data: entry!.id },
    { name: 'name', data: '李公民' },
    { name: 'contact', data: '13912345679' },
    { name: 'grounds', data: '该项目已获其他部门同期补贴，请核查是否重复。' },
  ]);
  const objected = await visitor.request('POST', `/api/public/notices/${noticeId}/objections`, form.payload, { headers: form.headers });
  expect(objected.statusCode, objected.body).toBe(201);
  return objected.json().id as string;
}

const anon = (url: string) => t.app.inject({ method: 'GET', url });

describe.each(Object.entries(GRANTORS))('the %s discloses its own supports', (_name, g) => {
  it('check → notice (an objection dismissed) → decision publishes the support, shown on the public pages; no filing is given', async () => {
    const { supportId, submissionId } = await propose(g, `${g.grantorName}众创空间运营补助`);
    const { call, noticeId } = await toNotice(g, submissionId);
    // The standing call of the grantor's own region, run by the grantor, on its kind's chain.
    const [org] = await q<{ id: string; region_code: string }>('select id, region_code from organisations where name = $1', [g.grantorName]);
    expect(call).toMatchObject({ region_code: org!.region_code, authority_org_id: org!.id, chain_key: g.chainKey });
    expect(call.title).toMatch(/扶持情况公示$/);

    // The public notice lists it; an objection is investigated and dismissed by the grantor.
    const notice = await anon(`/api/public/notices/${noticeId}`);
    expect(notice.statusCode, notice.body).toBe(200);
    expect(notice.body).toContain(g.grantorName);
    const objectionId = await objectTo(noticeId, submissionId);
    const handled = await as[g.admin]!.post(`/api/notices/${noticeId}/objections/${objectionId}/handle`, { result: 'dismissed', investigationNote: '经核查无同期补贴。', reason: '异议不成立。' });
    expect(handled.statusCode, handled.body).toBe(200);
    await q(`update public_notices set starts_at = now() - interval '8 days', ends_at = now() - interval '1 minute' where id = $1`, [noticeId]);
    const concluded = await as[g.admin]!.post(`/api/notices/${noticeId}/conclude`, {});
    expect(concluded.statusCode, concluded.body).toBe(200);

    const filingsBefore = await q('select id from filings order by id');
    const decided = await as[g.reviewer]!.post('/api/decisions', { applicationId: submissionId, stageKey: `${g.stagePrefix}_support_decision`, outcome: 'approve', reason: '公示期满，异议不成立', checklist: [ok('decision_basis')] });
    expect(decided.statusCode, decided.body).toBe(201);
    const released = await as[g.admin]!.post('/api/decisions/release', {
      callId: call.id,
      stageKey: `${g.stagePrefix}_support_decision`,
      decisionIds: [decided.json().id],
      expectedCount: 1,
      title: `${g.grantorName}2026年扶持情况`,
      documentNumber: `扶〔2026〕${g.stagePrefix.length}号`,
      issuedOn: '2026-12-04',
    });
    expect(released.statusCode, released.body).toBe(201);
    expect((await as[g.admin]!.get(`/api/supports/${supportId}`)).json()).toMatchObject({ status: 'published', submission: { status: 'filed' } });
    expect(await q('select id from filings order by id')).toEqual(filingsBefore);

    // The public register and the space's page show it under the grantor's name.
    const register = (await anon(`/api/portal/supports?pageSize=100`)).json().items as { id: string; grantorName: string }[];
    expect(register.find((i) => i.id === supportId)).toMatchObject({ grantorName: g.grantorName });
    const page = (await anon(`/api/portal/spaces/${spaces[g.space].id}`)).json();
    expect(page.supports.map((s: { id: string }) => s.id)).toContain(supportId);
    // A disclosure's list is no filing list: the public filing lists do not show it.
    expect((await anon('/api/public/filing-lists?pageSize=100')).body).not.toContain(`${g.grantorName}2026年扶持情况`);
  });

  it('an upheld objection blocks the support', async () => {
    const { supportId, submissionId } = await propose(g, `${g.grantorName}活动补贴（异议）`);
    const { noticeId } = await toNotice(g, submissionId);
    const objectionId = await objectTo(noticeId, submissionId);
    const handled = await as[g.admin]!.post(`/api/notices/${noticeId}/objections/${objectionId}/handle`, { result: 'upheld', investigationNote: '经核查确有同期补贴。', reason: '重复扶持。' });
    expect(handled.statusCode, handled.body).toBe(200);
    expect((await as[g.admin]!.get(`/api/supports/${supportId}`)).json()).toMatchObject({ status: 'blocked', submission: { status: 'rejected' } });
  });

  it('other departments cannot work its stages, and nothing changes', async () => {
    const { submissionId } = await propose(g, `${g.grantorName}房租补贴（越权）`);
    const before = await fingerprint();
    const [call] = await q<{ id: string }>('select call_id as id from applications where id = $1', [submissionId]);
    for (const [who, status] of g.outsiders) {
      const pass = await as[who]!.post(`/api/review/applications/${submissionId}/pass`, { stageKey: `${g.stagePrefix}_support_check`, checklist: ['basis_checked', 'evidence_checked', 'duplicates_checked'].map(ok), note: '越权' });
      expect(pass.statusCode, `${who}: ${pass.body}`).toBe(status);
      const notice = await as[who]!.post('/api/notices', {
        callId: call!.id,
        stageKey: `${g.stagePrefix}_support_notice`,
        applicationIds: [submissionId],
        title: '越权公示',
        body: '越权公示。',
        startsAt: new Date().toISOString(),
        endsAt: new Date(Date.now() + 7 * DAY).toISOString(),
      });
      expect(notice.statusCode, `${who}: ${notice.body}`).toBeGreaterThanOrEqual(400);
      const decide = await as[who]!.post('/api/decisions', { applicationId: submissionId, stageKey: `${g.stagePrefix}_support_decision`, outcome: 'approve', reason: '越权', checklist: [ok('decision_basis')] });
      expect(decide.statusCode, `${who}: ${decide.body}`).toBe(404);
      const release = await as[who]!.post('/api/decisions/release', { callId: call!.id, stageKey: `${g.stagePrefix}_support_decision`, all: true, expectedCount: 0, title: '越权', documentNumber: '越〔2026〕1号', issuedOn: '2026-12-04' });
      expect(release.statusCode, `${who}: ${release.body}`).toBeGreaterThanOrEqual(400);
    }
    expect(await fingerprint()).toEqual(before);
  });
});

/**
 * Two grantors sharing a region and a chain (two high-tech zone committees in one district) each
 * disclose in a standing call of their own, run and titled by them; neither's notices list the
 * other's. A holder's concurrent first disclosures still open one call.
 */
describe('two recommending units in one region', () => {
  const unit: Grantor = { ...GRANTORS.unit!, admin: 'szgx2_admin', reviewer: 'szgx2_reviewer', grantorName: '苏州高新区狮山横塘街道科技创新委员会' };
  beforeAll(async () => {
    const hash = await hashPassword('Demo@2026');
    await t.ctx.db.transaction(async (tx) => {
      const org = await createOrganisationInTx(tx, SYSTEM_CONTEXT, { name: unit.grantorName, kind: 'recommending_unit', recommenderType: 'hitech_zone_committee', regionCode: '320505' });
      for (const [username, role] of [
        [unit.admin, 'authority_admin'],
        [unit.reviewer, 'authority_reviewer'],
      ] as const)
        await createAccountInTx(tx, t.config, SYSTEM_CONTEXT, { username, displayName: username, password: 'Demo@2026', orgId: org.id, roles: [role], mustChangePassword: false }, hash);
    });
    for (const u of [unit.admin, unit.reviewer]) as[u] = await signIn(t.app, u, 'Demo@2026');
  }, 60_000);

  const callOf = async (submissionId: string) =>
    (await q<{ id: string; title: string; authority: string }>(`select c.id, c.title, o.name as authority from calls c join applications a on a.call_id = c.id join organisations o on o.id = c.authority_org_id where a.id = $1`, [submissionId]))[0]!;

  it('its concurrent first disclosures open one call of its own, beside the other unit\'s', async () => {
    const drafts = await Promise.all(['房租补贴（一）', '房租补贴（二）'].map((title) => as[unit.reviewer]!.post('/api/supports', body(spaces.zone, `${unit.grantorName}${title}`))));
    for (const d of drafts) expect(d.statusCode, d.body).toBe(201);
    const proposed = await Promise.all(drafts.map((d) => as[unit.admin]!.post('/api/supports/propose', { ids: [d.json().id] })));
    for (const p of proposed) expect(p.statusCode, p.body).toBe(200);
    const [first, second] = await Promise.all(proposed.map((p) => callOf(p.json().items[0].submission.id)));
    expect(first!.id).toBe(second!.id);
    expect(first).toMatchObject({ authority: unit.grantorName, title: `${unit.grantorName}扶持情况公示` });

    const other = await propose(GRANTORS.unit!, '高新区管委会活动补贴（同区）');
    const theirs = await callOf(other.submissionId);
    expect(theirs.id).not.toBe(first!.id);
    expect(theirs).toMatchObject({ authority: GRANTORS.unit!.grantorName, title: `${GRANTORS.unit!.grantorName}扶持情况公示` });
    expect(await q(`select id from calls where kind = 'support' and region_code = '320505' and status = 'published'`)).toHaveLength(2);
  });

  it('neither unit sees or works the other\'s disclosures, and nothing changes', async () => {
    const theirs = await propose(GRANTORS.unit!, '高新区管委会房租补贴（他单位待核）');
    const [call] = await q<{ id: string }>('select call_id as id from applications where id = $1', [theirs.submissionId]);
    const before = await fingerprint();
    for (const who of [unit.admin, unit.reviewer]) {
      const queue = (await as[who]!.get('/api/review/queue?pageSize=100')).json() as { items: { id: string }[]; calls: { id: string }[] };
      expect(queue.items.map((i) => i.id)).not.toContain(theirs.submissionId);
      expect(queue.calls.map((c) => c.id)).not.toContain(call!.id);
      expect((await as[who]!.get(`/api/review/applications/${theirs.submissionId}`)).statusCode).toBe(404);
      expect((await as[who]!.get(`/api/applications/${theirs.submissionId}`)).statusCode).toBe(404);
      const stages = (await as[who]!.get('/api/stages/mine')).json() as { calls: { id: string }[] };
      expect(stages.calls.map((c) => c.id)).not.toContain(call!.id);
      const workbench = await as[who]!.get('/api/workbench');
      expect(workbench.statusCode, workbench.body).toBe(200);
      expect(workbench.body).not.toContain(call!.id);
    }
    const pass = await as[unit.reviewer]!.post(`/api/review/applications/${theirs.submissionId}/pass`, { stageKey: 'unit_support_check', checklist: ['basis_checked', 'evidence_checked', 'duplicates_checked'].map(ok), note: '越权' });
    expect(pass.statusCode, pass.body).toBe(404);
    const notice = await as[unit.admin]!.post('/api/notices', {
      callId: call!.id,
      stageKey: 'unit_support_notice',
      all: true,
      expectedCount: 1,
      title: '越权公示',
      body: '本单位越权公示其他单位的扶持记录。',
      startsAt: new Date().toISOString(),
      endsAt: new Date(Date.now() + 7 * DAY).toISOString(),
    });
    expect(notice.statusCode, notice.body).toBe(404);
    const candidates = await as[unit.admin]!.get(`/api/notices/candidates?callId=${call!.id}`);
    expect(candidates.body).not.toContain(theirs.submissionId);
    const release = await as[unit.admin]!.post('/api/decisions/release', { callId: call!.id, stageKey: 'unit_support_decision', all: true, expectedCount: 1, title: '越权', documentNumber: '越〔2026〕1号', issuedOn: '2026-12-04' });
    expect(release.statusCode, release.body).toBe(404);
    expect(await fingerprint()).toEqual(before);
  });

  it('each unit\'s notices hold only its own disclosures', async () => {
    const mine = await propose(unit, `${unit.grantorName}运营补助（本单位）`);
    const theirs = await propose(GRANTORS.unit!, '高新区管委会运营补助（他单位）');
    const notices = [await toNotice(unit, mine.submissionId), await toNotice(GRANTORS.unit!, theirs.submissionId)].map((n) => n.noticeId);
    for (const [i, g] of [unit, GRANTORS.unit!].entries()) {
      const listed = ((await as[g.admin]!.get('/api/notices?pageSize=100')).json().items as { id: string }[]).map((n) => n.id);
      expect(listed).toContain(notices[i]);
      expect(listed).not.toContain(notices[1 - i]);
    }
  });
});
