import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { multipart } from '../../../test/helpers/multipart.ts';
import { usccCheckChar } from '../../shared/validation/uscc.ts';
import { onSupportsRecorded } from './index.ts';

/**
 * The support register: recording with its checks, jurisdiction, the disclosure through the kernel
 * (check → notice → decision; an upheld objection blocks), the trigger keeping published rows, the
 * public register and its export, the Excel import all or nothing, and outsiders refused.
 */
let t: TestApp;
const as: Record<string, Agent> = {};
const q = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => t.ctx.database.query<T>(sql, params);
const DAY = 86_400_000;
const uscc = (first17: string) => `${first17}${usccCheckChar(first17)}`;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let robot: { id: string; name: string; operatorUscc: string };
let dalian: { id: string };
let cityPolicy: { id: string; items: { id: string; category: string; title: string }[] };
let provincePolicy: { id: string; items: { id: string; category: string; title: string }[] };
const recorded: string[][] = [];
let unsubscribe: () => void = () => undefined;

const fingerprint = async () => ({
  supports: await q('select * from supports order by id'),
  submissions: await q(`select id, status, stage_key, revision from applications where kind = 'support' order by id`),
  audits: (await q<{ n: number }>(`select count(*)::int as n from audit_log where action like 'support%'`))[0]!.n,
});

const body = (over: Record<string, unknown> = {}) => ({
  policyId: cityPolicy.id,
  supportItemId: cityPolicy.items[0]!.id,
  category: 'rent',
  beneficiaryUscc: robot.operatorUscc,
  beneficiaryName: '沈阳新锐智造众创科技有限公司',
  beneficiaryRole: 'operator',
  spaceId: robot.id,
  projectTitle: '2026年上半年众创空间房租补贴',
  projectCode: 'SYKJ-2026-001',
  periodFrom: '2026-01-01',
  periodTo: '2026-06-30',
  invoiceNos: [' fp-001 ', 'FP-001', 'fp 002'],
  contractNos: ['ht-2026-01'],
  areaM2: 1200,
  months: 6,
  amountYuan: 180000,
  grantedOn: '2026-07-10',
  ...over,
});

async function publishPolicy(agent: Agent, title: string, regionCode: string, items: { category: string; title: string }[]) {
  const draft = await agent.post('/api/policies', {
    kind: 'policy',
    title,
    themes: ['maker_space'],
    issuer: title.slice(0, 6),
    keywords: ['扶持'],
    regionCode,
    targets: ['maker_space'],
    body: '<p>对众创空间给予扶持。</p>',
    attachmentFileIds: [],
    supportItems: items.map((i) => ({ ...i, capWan: 50, period: '每年' })),
  });
  expect(draft.statusCode, draft.body).toBe(201);
  const res = await agent.post(`/api/policies/${draft.json().id}/publish`, { revision: draft.json().revision });
  expect(res.statusCode, res.body).toBe(200);
  return { id: res.json().id as string, items: res.json().supportItems as { id: string; category: string; title: string }[] };
}

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  for (const u of ['ln_admin', 'ln_reviewer', 'sy_admin', 'sy_reviewer', 'dl_admin', 'js_admin', 'op_robot_admin']) as[u] = await signIn(t.app, u);
  const [row] = await q<{ id: string; name: string; operator_org_id: string; uscc: string }>(
    `select s.id, s.name, s.operator_org_id, o.uscc from spaces s join organisations o on o.id = s.operator_org_id where s.name = '沈阳智能机器人专业化众创空间'`,
  );
  robot = { id: row!.id, name: row!.name, operatorUscc: row!.uscc };
  // A second filed space in 大连 (outside 沈阳's jurisdiction, inside 辽宁's).
  const [dl] = await q<{ id: string }>(`insert into spaces (name, operator_org_id, category, industry, region_code) select '大连星海众创空间', operator_org_id, category, industry, '210202' from spaces where id = $1 returning id`, [robot.id]);
  dalian = dl!;
  const [call] = await q<{ id: string; authority_org_id: string }>(`select c.id, c.authority_org_id from calls c join chains ch on ch.id = c.chain_id where ch.key = 'liaoning_province' limit 1`);
  const [list] = await q<{ id: string }>(
    `insert into filing_lists (call_id, stage_key, authority_org_id, kind, level, title, document_number, issued_on) values ($1, 'province_decision', $2, 'filing', 'province', '2025年辽宁省众创空间备案名单', '辽科发〔2025〕1号', '2025-06-01') returning id`,
    [call!.id, call!.authority_org_id],
  );
  const [earlier] = await q<{ id: string }>(`select id from calls where kind = 'filing' and id <> $1 limit 1`, [call!.id]);
  for (const id of [robot.id, dalian.id]) {
    const [app] = await q<{ id: string }>(`insert into applications (call_id, space_id, operator_org_id, kind, status, stage_key, round, submitted_at) select $1, id, operator_org_id, 'filing', 'filed', 'province_decision', 1, now() from spaces where id = $2 returning id`, [earlier!.id, id]);
    await q(`insert into filings (space_id, level, application_id, list_id) values ($1, 'province', $2, $3)`, [id, app!.id, list!.id]);
  }
  cityPolicy = await publishPolicy(as.sy_admin!, '沈阳市众创空间扶持资金管理办法', '210100', [
    { category: 'rent', title: '众创空间房租补贴' },
    { category: 'event', title: '创新创业活动补贴' },
  ]);
  provincePolicy = await publishPolicy(as.ln_admin!, '辽宁省众创空间运营奖补办法', '210000', [
    { category: 'rent', title: '省级众创空间房租补贴' },
    { category: 'award', title: '国家级备案奖励' },
  ]);
  unsubscribe = onSupportsRecorded(async (_tx, _ctx, ids) => void recorded.push(ids));
}, 300_000);
// Files share a worker's modules (isolate: false): the listener goes with this file.
afterAll(async () => {
  unsubscribe();
  await t.close();
});

describe('recording', () => {
  it('records a draft of the actor’s department with the numbers normalised, audited, listeners told in the transaction', async () => {
    const res = await as.sy_reviewer!.post('/api/supports', body());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'draft',
      category: 'rent',
      grantor: { name: '沈阳市科学技术局' },
      beneficiary: { uscc: robot.operatorUscc, role: 'operator' },
      invoiceNos: ['FP-001', 'FP002'],
      contractNos: ['HT-2026-01'],
      amountYuan: 180000,
      areaM2: 1200,
      months: 6,
      paymentState: 'planned',
      abilities: { edit: true, propose: false, withdraw: false, payment: false },
    });
    expect(recorded.at(-1)).toEqual([res.json().id]);
    const [audit] = await q<{ n: number }>(`select count(*)::int as n from audit_log where action = 'support.record' and object_id = $1`, [res.json().id]);
    expect(audit!.n).toBe(1);
  });

  it('names the field of every bad input in Chinese', async () => {
    const fieldOf = async (over: Record<string, unknown>) => {
      const res = await as.sy_reviewer!.post('/api/supports', body(over));
      expect(res.statusCode, res.body).toBe(400);
      return (res.json().error.fields as { field: string; message: string }[]).map((f) => f.field);
    };
    expect(await fieldOf({ beneficiaryUscc: '91210100MA0P1N7K2X' })).toEqual(['body.beneficiaryUscc']);
    expect(await fieldOf({ beneficiaryUscc: uscc('91210100MA0P1N7K2') })).toEqual(['body.beneficiaryUscc']);
    expect(await fieldOf({ category: 'event' })).toEqual(['body.category']);
    expect(await fieldOf({ supportItemId: provincePolicy.items[0]!.id })).toEqual(['body.supportItemId']);
    expect(await fieldOf({ periodTo: '2025-12-31' })).toEqual(['body.periodTo']);
    expect(await fieldOf({ amountYuan: 0 })).toEqual(['body.amountYuan']);
    expect(await fieldOf({ amountYuan: 10.005 })).toEqual(['body.amountYuan']);
    expect(await fieldOf({ months: null })).toEqual(['body.months']);
    expect(await fieldOf({ grantedOn: '2026-13-01' })).toEqual(['body.grantedOn']);
    expect(await fieldOf({ beneficiaryRole: 'person' })).toEqual(['body.beneficiaryRole']);
    // 大连's space is outside 沈阳's jurisdiction.
    expect(await fieldOf({ spaceId: dalian.id })).toEqual(['body.spaceId']);
    const res = await as.sy_reviewer!.post('/api/supports', body({ spaceId: dalian.id }));
    expect(res.json().error.fields[0].message).toBe('众创空间不存在、未备案或不在本单位辖区内');
    // An expired policy is no legal basis.
    await q(`update policies set validity = 'expired' where id = $1`, [cityPolicy.id]);
    expect(await fieldOf({})).toEqual(['body.policyId']);
    await q(`update policies set validity = 'effective' where id = $1`, [cityPolicy.id]);
  });

  it('keeps each department to its own: the province reads the city’s support, 大连 does not see it, only 沈阳 edits it', async () => {
    const [mine] = (await as.sy_admin!.get('/api/supports')).json().items as { id: string; revision: number }[];
    expect((await as.ln_reviewer!.get(`/api/supports/${mine!.id}`)).statusCode).toBe(200);
    expect((await as.ln_reviewer!.get('/api/supports')).json().total).toBe(1);
    expect((await as.dl_admin!.get(`/api/supports/${mine!.id}`)).statusCode).toBe(404);
    expect((await as.dl_admin!.get('/api/supports')).json().total).toBe(0);
    expect((await as.ln_admin!.patch(`/api/supports/${mine!.id}`, { ...body(), revision: mine!.revision })).statusCode).toBe(403);
    // The province records for 大连's space (inside its tree).
    const dl = await as.ln_reviewer!.post('/api/supports', body({ policyId: provincePolicy.id, supportItemId: provincePolicy.items[1]!.id, category: 'award', spaceId: dalian.id, beneficiaryRole: 'operator', projectTitle: '国家级备案奖励', areaM2: null, months: null, invoiceNos: [], contractNos: [] }));
    expect(dl.statusCode, dl.body).toBe(201);
    expect((await as.sy_admin!.get(`/api/supports/${dl.json().id}`)).statusCode).toBe(404);
    const edited = await as.sy_reviewer!.patch(`/api/supports/${mine!.id}`, { ...body({ amountYuan: 170000 }), revision: mine!.revision });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ amountYuan: 170000, revision: mine!.revision + 1 });
    expect((await as.sy_reviewer!.patch(`/api/supports/${mine!.id}`, { ...body(), revision: mine!.revision })).statusCode).toBe(409);
    const filtered = (await as.ln_admin!.get(`/api/supports?category=award&year=2026&sort=amountYuan&order=desc`)).json();
    expect(filtered.items.map((i: { category: string }) => i.category)).toEqual(['award']);
    expect((await as.ln_admin!.get(`/api/supports?uscc=${robot.operatorUscc.toLowerCase()}`)).json().total).toBe(2);
    expect((await as.ln_admin!.get('/api/supports?status=bogus')).statusCode).toBe(400);
  });

  it('withdraws a draft with a reason, audited', async () => {
    const draft = (await as.sy_reviewer!.post('/api/supports', body({ projectTitle: '误录的补贴' }))).json();
    expect((await as.sy_reviewer!.post(`/api/supports/${draft.id}/withdraw`, { reason: '重复录入' })).statusCode).toBe(403);
    const res = await as.sy_admin!.post(`/api/supports/${draft.id}/withdraw`, { reason: '重复录入' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('withdrawn');
    expect((await as.sy_admin!.post(`/api/supports/${draft.id}/withdraw`, { reason: '重复录入' })).statusCode).toBe(409);
    const [audit] = await q<{ detail: { reason: string } }>(`select detail from audit_log where action = 'support.withdraw' and object_id = $1`, [draft.id]);
    expect(audit!.detail.reason).toBe('重复录入');
  });
});

describe('outsiders', () => {
  it('are refused on every endpoint and nothing changes', async () => {
    const [mine] = (await as.sy_admin!.get('/api/supports?status=draft')).json().items as { id: string; revision: number }[];
    const before = await fingerprint();
    const op = as.op_robot_admin!;
    expect((await op.get('/api/supports')).statusCode).toBe(403);
    expect((await op.post('/api/supports', body())).statusCode).toBe(403);
    expect((await op.get(`/api/supports/${mine!.id}`)).statusCode).toBe(403);
    expect((await op.post('/api/supports/propose', { ids: [mine!.id] })).statusCode).toBe(403);
    expect((await op.get('/api/supports/import-template')).statusCode).toBe(403);
    const dl = as.dl_admin!;
    expect((await dl.get(`/api/supports/${mine!.id}`)).statusCode).toBe(404);
    expect((await dl.patch(`/api/supports/${mine!.id}`, { ...body(), revision: mine!.revision })).statusCode).toBe(404);
    expect((await dl.post(`/api/supports/${mine!.id}/withdraw`, { reason: '无权撤回' })).statusCode).toBe(404);
    expect((await dl.patch(`/api/supports/${mine!.id}/payment`, { paymentState: 'paid' })).statusCode).toBe(404);
    expect((await dl.post('/api/supports/propose', { ids: [mine!.id] })).statusCode).toBe(404);
    expect((await as.ln_admin!.post('/api/supports/propose', { ids: [mine!.id] })).statusCode).toBe(403);
    expect((await as.js_admin!.get(`/api/supports/${mine!.id}`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/supports' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: `/api/supports/${mine!.id}` })).statusCode).toBe(401);
    expect(await fingerprint()).toEqual(before);
  });
});

/** Walks one proposed support of 沈阳 through its check and onto a notice; answers the submission, call and notice. */
async function toNotice(supportId: string) {
  const proposed = await as.sy_admin!.post('/api/supports/propose', { ids: [supportId] });
  expect(proposed.statusCode, proposed.body).toBe(200);
  expect(proposed.json().items[0]).toMatchObject({ status: 'on_notice', submission: { status: 'submitted', stageKey: 'city_support_check' } });
  const submissionId = proposed.json().items[0].submission.id as string;
  expect((await as.sy_reviewer!.get(`/api/supports/submissions/${submissionId}`)).json().id).toBe(supportId);
  const passed = await as.sy_reviewer!.post(`/api/review/applications/${submissionId}/pass`, {
    stageKey: 'city_support_check',
    checklist: [
      { key: 'basis_checked', verdict: 'ok', note: '依据沈阳市扶持办法' },
      { key: 'evidence_checked', verdict: 'ok', note: '租赁合同与发票已核对' },
      { key: 'duplicates_checked', verdict: 'ok', note: '无重复扶持提示' },
    ],
    note: '核对无误，拟公示',
  });
  expect(passed.statusCode, passed.body).toBe(200);
  const callId = (await q<{ call_id: string }>('select call_id from applications where id = $1', [submissionId]))[0]!.call_id;
  const notice = await as.sy_admin!.post('/api/notices', {
    callId,
    stageKey: 'city_support_notice',
    applicationIds: [submissionId],
    title: '沈阳市众创空间扶持情况公示',
    body: '以下扶持拟予公开。公示期内如有异议，请实名提出。',
    startsAt: new Date(Date.now() - 60_000).toISOString(),
    endsAt: new Date(Date.now() + 7 * DAY).toISOString(),
  });
  expect(notice.statusCode, notice.body).toBe(201);
  return { submissionId, callId, noticeId: notice.json().id as string };
}

describe('disclosure', () => {
  it('an upheld objection during the notice blocks the support', async () => {
    const draft = (await as.sy_reviewer!.post('/api/supports', body({ projectTitle: '活动补贴', category: 'event', supportItemId: cityPolicy.items[1]!.id, areaM2: null, months: null }))).json();
    const { submissionId, noticeId } = await toNotice(draft.id);
    expect((await as.sy_admin!.get(`/api/supports/${draft.id}`)).json()).toMatchObject({ status: 'on_notice', submission: { status: 'in_public_notice' } });
    // On the notice it can no longer be withdrawn.
    expect((await as.sy_admin!.post(`/api/supports/${draft.id}/withdraw`, { reason: '撤回' })).statusCode).toBe(409);
    const [entry] = await q<{ id: string }>('select id from notice_entries where notice_id = $1 and application_id = $2', [noticeId, submissionId]);
    const visitor = new Agent(t.app, '10.0.9.1');
    await visitor.get('/api/auth/csrf');
    const form = multipart([
      { name: 'entryId', data: entry!.id },
      { name: 'name', data: '陈公民' },
      { name: 'contact', data: '13912345678' },
      { name: 'grounds', data: '该活动并未举办，补贴依据不实，请核查。' },
    ]);
    const objected = await visitor.request('POST', `/api/public/notices/${noticeId}/objections`, form.payload, { headers: form.headers });
    expect(objected.statusCode, objected.body).toBe(201);
    const handled = await as.sy_admin!.post(`/api/notices/${noticeId}/objections/${objected.json().id}/handle`, { result: 'upheld', investigationNote: '经核查活动未举办。', reason: '补贴依据不实。' });
    expect(handled.statusCode, handled.body).toBe(200);
    const now = (await as.sy_admin!.get(`/api/supports/${draft.id}`)).json();
    expect(now).toMatchObject({ status: 'blocked', submission: { status: 'rejected' }, abilities: { edit: false, propose: false, withdraw: false, payment: false } });
    expect((await t.app.inject({ method: 'GET', url: '/api/portal/supports' })).json().items.map((i: { id: string }) => i.id)).not.toContain(draft.id);
  });

  it('a return at the check goes back to the grantor: its staff are told, not the beneficiary’s operator; outsiders cannot return it', async () => {
    const draft = (await as.sy_reviewer!.post('/api/supports', body({ projectTitle: '退回核对的房租补贴', projectCode: 'SYKJ-2026-R01' }))).json();
    const proposed = await as.sy_admin!.post('/api/supports/propose', { ids: [draft.id] });
    expect(proposed.statusCode, proposed.body).toBe(200);
    const submissionId = proposed.json().items[0].submission.id as string;
    const note = '发票号与合同不一致，请核实后重新提交';
    const returnBody = { stageKey: 'city_support_check', note, itemComments: [{ field: 'invoiceNos', comment: '请核对发票号' }], resubmitDueAt: new Date(Date.now() + 10 * DAY).toISOString() };
    const told = async (username: string) =>
      q<{ title: string; link: string | null }>(`select n.title, n.link from notifications n join users u on u.id = n.user_id where u.username = $1 and n.body like $2`, [username, `%${note}%`]);

    // The beneficiary's operator (the submission's applicant), another city and the province may not return it.
    const before = await fingerprint();
    for (const [who, status] of [['op_robot_admin', 403], ['dl_admin', 404], ['ln_admin', 403]] as const) {
      const res = await as[who]!.post(`/api/review/applications/${submissionId}/return`, returnBody);
      expect(res.statusCode, `${who}: ${res.body}`).toBe(status);
    }
    expect(await fingerprint()).toEqual(before);

    const page = await as.sy_reviewer!.get(`/api/review/applications/${submissionId}`);
    expect(page.json().reviser).toEqual({ zh: '发放部门', en: 'granting department' });
    const returned = await as.sy_reviewer!.post(`/api/review/applications/${submissionId}/return`, returnBody);
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', reviser: { zh: '发放部门' } });
    expect((await as.sy_admin!.get(`/api/supports/${draft.id}`)).json()).toMatchObject({ status: 'draft', abilities: { edit: true, propose: true } });
    // The grantor's staff are told, led to their own record; the beneficiary's operator hears nothing of it.
    for (const grantor of ['sy_admin', 'sy_reviewer']) expect(await told(grantor)).toEqual([{ title: '备案申请被退回修改', link: `/app/supports/${draft.id}` }]);
    expect(await told('op_robot_admin')).toEqual([]);
    const [audited] = await q<{ detail: { returnedTo: string } }>(`select detail from audit_log where action = 'review.return' and object_id = $1`, [submissionId]);
    expect(audited!.detail.returnedTo).toBe('发放部门');
    // Corrected and proposed again, it resumes at the check.
    const again = await as.sy_admin!.post('/api/supports/propose', { ids: [draft.id] });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().items[0]).toMatchObject({ status: 'on_notice', submission: { id: submissionId, stageKey: 'city_support_check' } });
  });

  it('a notice that passes, then the decision, publishes the support; only the payment state changes after', async () => {
    const [draft] = (await as.sy_admin!.get('/api/supports?status=draft&category=rent')).json().items as { id: string }[];
    const { submissionId, callId, noticeId } = await toNotice(draft!.id);
    await q(`update public_notices set starts_at = now() - interval '8 days', ends_at = now() - interval '1 minute' where id = $1`, [noticeId]);
    expect((await as.sy_admin!.post(`/api/notices/${noticeId}/conclude`, {})).statusCode).toBe(200);
    const decided = await as.sy_reviewer!.post('/api/decisions', { applicationId: submissionId, stageKey: 'city_support_decision', outcome: 'approve', reason: '公示期满无异议', checklist: [{ key: 'decision_basis', verdict: 'ok', note: '依据充分' }] });
    expect(decided.statusCode, decided.body).toBe(201);
    const released = await as.sy_admin!.post('/api/decisions/release', {
      callId,
      stageKey: 'city_support_decision',
      decisionIds: [decided.json().id],
      expectedCount: 1,
      title: '沈阳市2026年众创空间扶持情况',
      documentNumber: '沈科发〔2026〕12号',
      issuedOn: '2026-12-04',
    });
    expect(released.statusCode, released.body).toBe(201);
    const published = (await as.sy_admin!.get(`/api/supports/${draft!.id}`)).json();
    expect(published).toMatchObject({ status: 'published', submission: { status: 'filed' }, abilities: { payment: true, edit: false } });
    expect(published.publishedAt).not.toBeNull();
    // The beneficiary space's operator is told with links it can open: its space's public register, never the grantor's record.
    const inbox = (await as.op_robot_admin!.get('/api/notifications')).json().items as { link: string | null }[];
    expect(inbox.filter((n) => n.link?.startsWith('/portal/supports')).map((n) => n.link)).toContain(`/portal/supports?spaceId=${robot.id}`);
    expect(inbox.some((n) => n.link?.startsWith('/app/supports'))).toBe(false);

    const paid = await as.sy_reviewer!.patch(`/api/supports/${draft!.id}/payment`, { paymentState: 'paid', note: '已拨付' });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json().paymentState).toBe('paid');
    expect((await as.sy_reviewer!.patch(`/api/supports/${draft!.id}`, { ...body(), revision: paid.json().revision })).statusCode).toBe(409);

    // The reversal of a published support's decision is refused: the record stays.
    const reversed = await as.sy_admin!.post(`/api/decisions/${decided.json().id}/reverse`, { reason: '更正' });
    expect(reversed.statusCode).toBe(409);
    expect((await as.sy_admin!.get(`/api/supports/${draft!.id}`)).json().status).toBe('published');
  });

  it('the database refuses to delete a published support or change its facts', async () => {
    const [row] = await q<{ id: string }>(`select id from supports where status = 'published' limit 1`);
    await expect(q('delete from supports where id = $1', [row!.id])).rejects.toThrow(/published support/);
    await expect(q('update supports set amount_yuan = 1 where id = $1', [row!.id])).rejects.toThrow(/published support/);
    await expect(q(`update supports set status = 'withdrawn' where id = $1`, [row!.id])).rejects.toThrow(/published support/);
    await expect(q(`update supports set invoice_nos = array['FP-1'], updated_at = now() where id = $1`, [row!.id])).rejects.toThrow(/published support/);
    await expect(q(`update supports set project_code = coalesce(project_code, '') || '改', payment_state = 'paid' where id = $1`, [row!.id])).rejects.toThrow(/published support/);
    // What moves: its payment state, the time of the change, and how many open duplicate alerts name it.
    await q(`update supports set payment_state = 'suspended', updated_at = now() where id = $1`, [row!.id]);
    await q(`update supports set open_alerts = open_alerts + 1 where id = $1`, [row!.id]);
    await q(`update supports set open_alerts = open_alerts - 1 where id = $1`, [row!.id]);
    const [draft] = await q<{ id: string }>(`select id from supports where status = 'withdrawn' limit 1`);
    await q('update supports set project_code = $2 where id = $1', [draft!.id, 'X-1']);
  });
});

describe('the public register', () => {
  it('lists published supports only, with no personal data, filtered by region and year; a 个体工商户 is not named', async () => {
    const anon = (url: string) => t.app.inject({ method: 'GET', url });
    const list = await anon('/api/portal/supports');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().total).toBe(1);
    const [item] = list.json().items;
    expect(item).toMatchObject({ grantorName: '沈阳市科学技术局', category: 'rent', beneficiary: { uscc: robot.operatorUscc, role: 'operator' }, space: { id: robot.id } });
    expect(Object.keys(item)).not.toContain('createdBy');
    expect(list.body).not.toContain('FP-001');
    expect((await anon('/api/portal/supports?region=210200')).json().total).toBe(0);
    expect((await anon('/api/portal/supports?region=210100&year=2026&category=rent')).json().total).toBe(1);
    expect((await anon('/api/portal/supports?year=1800')).statusCode).toBe(400);
    // A 个体工商户 (registration type 92) carries its keeper's name: neither it nor its code is public.
    const sole = uscc('92210112MA0Q3K2X1');
    await q(
      `insert into supports (grantor_org_id, grantor_region_code, policy_id, support_item_id, category, beneficiary_uscc, beneficiary_name, beneficiary_role, space_id, region_code, project_title, period_from, period_to, amount_yuan, granted_on, status, published_at)
       select grantor_org_id, grantor_region_code, policy_id, support_item_id, category, $1, '沈阳市浑南区张三电子商务店', 'incubatee', space_id, region_code, '在孵企业房租补贴', period_from, period_to, 5000, granted_on, 'published', now() from supports where status = 'published' limit 1`,
      [sole],
    );
    const again = await anon('/api/portal/supports?sort=amountYuan&order=asc');
    expect(again.json().items[0].beneficiary).toEqual({ name: '个体工商户', uscc: null, role: 'incubatee' });
    expect(again.body).not.toContain('张三');
    // The space's public page lists its published supports.
    const page = await anon(`/api/portal/spaces/${robot.id}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().supports).toHaveLength(2);
    expect(page.body).not.toContain('张三');
  });

  it('exports as CSV with a BOM and as JSON under the same filters', async () => {
    const csv = await t.app.inject({ method: 'GET', url: '/api/portal/supports/export?format=csv&region=210100' });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('"授予部门","政策依据"');
    expect(lines).toHaveLength(3);
    expect(csv.body).not.toContain('张三');
    const json = await t.app.inject({ method: 'GET', url: '/api/portal/supports/export?format=json&region=210200' });
    expect(json.json().total).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/portal/supports/export?format=pdf' })).statusCode).toBe(400);
  });
});

describe('Excel import', () => {
  async function workbookWith(rows: unknown[][]) {
    const template = await as.sy_reviewer!.get('/api/supports/import-template');
    expect(template.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('扶持记录')!;
    expect(book.getWorksheet('可用扶持事项')!.getRow(2).getCell(2).value).toBeTruthy();
    for (const r of rows) sheet.addRow(r);
    return Buffer.from(await book.xlsx.writeBuffer());
  }
  const row = (over: Partial<Record<number, unknown>> = {}) => {
    const base: unknown[] = [robot.name, '众创空间房租补贴', '房租补贴', robot.operatorUscc, '沈阳新锐智造众创科技有限公司', '运营主体', '2026年下半年房租补贴', 'SYKJ-2026-031', '2026-07-01', '2026-12-31', 'FP-101、FP-102', 'HT-9', 1200, 6, 175000, '2026-12-20', '待支付'];
    for (const [i, v] of Object.entries(over)) base[Number(i)] = v;
    return base;
  };
  const upload = (agent: Agent, data: Buffer) => {
    const form = multipart([{ name: 'file', filename: '扶持.xlsx', data, contentType: XLSX_TYPE }]);
    return agent.post('/api/supports/import', form.payload, { headers: form.headers });
  };

  it('refuses the whole file naming row and column of each problem, and records nothing', async () => {
    const before = await fingerprint();
    const data = await workbookWith([row(), row({ 0: '大连星海众创空间', 3: '91210100MA0P1N7K2X' }), row({ 2: '房补', 14: -5 })]);
    const res = await upload(as.sy_reviewer!, data);
    expect(res.statusCode, res.body).toBe(400);
    const problems = res.json().error.details.problems as { row: number; column: string }[];
    expect(problems.map((p) => `${p.row}${p.column}`)).toEqual(['4A', '5C', '5O']);
    expect(res.json().error.message).toContain('未保存任何记录');
    expect(await fingerprint()).toEqual(before);
  });

  it('records every row as a draft under one batch id', async () => {
    const data = await workbookWith([row(), row({ 6: '2026年活动补贴', 1: '创新创业活动补贴', 2: '活动补贴', 12: '', 13: '', 14: 30000 })]);
    const res = await upload(as.sy_reviewer!, data);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().created).toBe(2);
    expect(recorded.at(-1)).toEqual(res.json().ids);
    const rows = await q<{ status: string; import_batch_id: string; invoice_nos: string[] }>('select status, import_batch_id, invoice_nos from supports where import_batch_id = $1 order by amount_yuan desc', [res.json().batchId]);
    expect(rows.map((r) => r.status)).toEqual(['draft', 'draft']);
    expect(rows[0]!.invoice_nos).toEqual(['FP-101', 'FP-102']);
    expect((await as.op_robot_admin!.post('/api/supports/import', {})).statusCode).toBe(403);
  });
});
