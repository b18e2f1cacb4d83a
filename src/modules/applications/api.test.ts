import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { statementProbe } from '../../db/client.ts';
import { fileUpload, SAMPLE } from '../../../test/helpers/multipart.ts';
import { mobilesIn } from '../../../test/helpers/redaction.ts';
import { readZip } from '../documents/read-zip.test-helper.ts';
import { commitmentDocx, type CommitmentCall } from './documents.ts';
import { COMPLETE_BASIC_INFO, COMPLETE_REPORT, xinruiSpace } from './fixtures.test-helper.ts';
import { shippedChainVersionId } from '../chains/index.ts';

let t: TestApp;
let opAdmin: Agent;
let opStaff: Agent;
let syAdmin: Agent;
let ruleSetId: string;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [opAdmin, opStaff, syAdmin] = await Promise.all([signIn(t.app, 'op_robot_admin'), signIn(t.app, 'op_robot_staff'), signIn(t.app, 'sy_admin')]);
  ruleSetId = (await opAdmin.get('/api/criteria/rule-sets?key=liaoning-2019')).json().items[0].id;
});
afterAll(() => t.close());

const HOUR = 3600_000;
const SLOTS = [
  { key: 'business_licence', name: '营业执照', required: true },
  { key: 'applicant_commitment', name: '申报单位信用承诺书', required: true },
  { key: 'fund_proof', name: '基金证明', required: false },
];

let seq = 0;
/** A regular space of 新锐智造 in 浑南区 (no host needed), registered through the API. */
async function buildSpace(): Promise<string> {
  seq += 1;
  const res = await opAdmin.post('/api/spaces', xinruiSpace(`新锐智造众创空间${seq}号`));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** A published 沈阳 city call, open from `opensIn` ms from now (negative: already open). */
async function buildCall(opensIn = -HOUR, closesIn = 30 * 24 * HOUR): Promise<string> {
  const now = Date.now();
  const created = await syAdmin.post('/api/calls', {
    title: `沈阳市众创空间备案（第${seq}批）`,
    level: 'city',
    year: 2026,
    opensAt: new Date(now + opensIn).toISOString(),
    closesAt: new Date(now + closesIn).toISOString(),
    eligibleCategories: ['regular', 'professional'],
    ruleSetId,
    materialSlots: SLOTS,
    chainId: await shippedChainVersionId(t.ctx.db, 'xuchang_city'),
  });
  expect(created.statusCode, created.body).toBe(201);
  const published = await syAdmin.post(`/api/calls/${created.json().id}/publish`, { revision: created.json().revision });
  expect(published.statusCode, published.body).toBe(200);
  return created.json().id;
}

async function buildDraft(opts: { opensIn?: number } = {}) {
  const [spaceId, callId] = await Promise.all([buildSpace(), buildCall(opts.opensIn)]);
  const res = await opStaff.post('/api/applications', { callId, spaceId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; revision: number; operator: { id: string } } & Record<string, unknown>;
}

async function upload(agent: Agent, name: string, data: Buffer): Promise<{ id: string; sha256: string }> {
  const { payload, headers } = fileUpload(name, data);
  const res = await agent.request('POST', '/api/files', payload, { headers });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Fills the whole dossier, uploads both required materials and confirms the commitment; returns the revision. */
async function complete(id: string, revision: number): Promise<number> {
  const saved = await opStaff.put(`/api/applications/${id}/dossier`, { revision, basicInfo: COMPLETE_BASIC_INFO, report: COMPLETE_REPORT });
  expect(saved.statusCode, saved.body).toBe(200);
  for (const [slotKey, name] of [['business_licence', '营业执照副本.pdf'], ['applicant_commitment', '信用承诺书（盖章）.pdf']] as const) {
    const file = await upload(opStaff, name, SAMPLE.pdf);
    const res = await opStaff.post(`/api/applications/${id}/attachments`, { slotKey, fileId: file.id });
    expect(res.statusCode, res.body).toBe(201);
  }
  expect((await opAdmin.post(`/api/applications/${id}/commitment/confirm`, {})).statusCode).toBe(200);
  return saved.json().revision;
}

async function buildComplete(opts: { opensIn?: number } = {}) {
  const app = await buildDraft(opts);
  return { ...app, revision: await complete(app.id, app.revision) };
}

/** Everything about one application that a refused request must leave alone. */
async function fingerprint(id: string) {
  const [row] = await t.ctx.database.query(
    `select a.status, a.revision, a.basic_info::text, a.report::text, a.deadline_extended_until, a.commitment_confirmed_at,
       (select count(*)::int from application_attachments where application_id = a.id) as attachments,
       (select count(*)::int from application_events where application_id = a.id) as events,
       (select count(*)::int from audit_log where action <> 'access.denied') as audit_rows
     from applications a where a.id = $1`,
    [id],
  );
  return row;
}

/** The body XML of a commitment letter for a call of the given level and authority. */
async function documentXml(call: Omit<CommitmentCall, 'title'>): Promise<string> {
  const docx = await commitmentDocx({ operatorName: '某运营有限公司', spaceName: '某专业化众创空间', call: { title: '某申报批次', ...call } });
  return readZip(docx).find((e) => e.name === 'word/document.xml')!.data.toString('utf8');
}

const auditActions = async (id: string) =>
  (await t.ctx.database.query<{ action: string }>(`select action from audit_log where object_id = $1 order by id`, [id])).map((r) => r.action);

describe('application dossier', () => {
  it('creates a draft prefilled from the registry and lists it with its status', async () => {
    const app = await buildDraft();
    expect(app).toMatchObject({ status: 'draft', revision: 1 });
    expect(app.basicInfo).toMatchObject({
      operatorName: '沈阳新锐智造众创科技有限公司',
      professionalDirection: '高端装备制造（工业机器人）',
      onlinePlatform: { yes: true, name: '新锐智造创客云' },
      managementSystems: { entryStandard: true, exitConditions: true, incubateeDatabase: true },
    });
    const detail = (await opStaff.get(`/api/applications/${app.id}`)).json();
    expect(detail.missing.map((m: { field: string }) => m.field)).toEqual(
      expect.arrayContaining(['basicInfo.teamTotal', 'report.hostOverview', 'attachments.business_licence', 'commitment']),
    );
    expect(detail.abilities).toMatchObject({ edit: true, submit: true, confirm_commitment: false, withdraw: false });
    const list = (await opAdmin.get('/api/applications?pageSize=100')).json();
    expect(list.items.find((i: { id: string }) => i.id === app.id)).toMatchObject({ status: 'draft', space: { name: expect.stringContaining('新锐智造') } });
    const again = await opStaff.post('/api/applications', { callId: (detail.call as { id: string }).id, spaceId: detail.space.id });
    expect(again.statusCode).toBe(409);
  });

  it('saves incomplete drafts, refuses inconsistent values naming the field, and sanitises rich text', async () => {
    const app = await buildDraft();
    const partial = await opStaff.put(`/api/applications/${app.id}/dossier`, {
      revision: 1,
      basicInfo: { teamTotal: 8, principalMobile: '+86 139-0000-0003' },
      report: { hostOverview: '<p>集团<script>alert(1)</script><b>概况</b></p>' },
    });
    expect(partial.statusCode, partial.body).toBe(200);
    expect(partial.json()).toMatchObject({ revision: 2, basicInfo: { teamTotal: 8, principalMobile: '139****0003' }, report: { hostOverview: '<p>集团<b>概况</b></p>' } });
    expect((await opAdmin.get(`/api/applications/${app.id}`)).json().basicInfo.principalMobile).toBe('13900000003');

    const bad = await opStaff.put(`/api/applications/${app.id}/dossier`, { revision: 2, basicInfo: { teamTotal: 8, teamCollegePlus: 9, floorAreaM2: 10, publicServiceAreaM2: 20 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['body.basicInfo.teamCollegePlus', 'body.basicInfo.publicServiceAreaM2']);
    expect(bad.json().error.fields[0].message).toContain('不能超过管理团队人员总数');
    const unknown = await opStaff.put(`/api/applications/${app.id}/dossier`, { revision: 2, status: 'submitted' });
    expect(unknown.statusCode).toBe(400);
    expect((await opStaff.get(`/api/applications/${app.id}`)).json()).toMatchObject({ revision: 2, status: 'draft', basicInfo: { teamTotal: 8 } });
  });

  it('answers a stale save with 409 and keeps what was stored', async () => {
    const app = await buildDraft();
    const first = await opStaff.put(`/api/applications/${app.id}/dossier`, { revision: 1, basicInfo: { mentors: 3 } });
    expect(first.statusCode).toBe(200);
    const before = await fingerprint(app.id);
    const stale = await opAdmin.put(`/api/applications/${app.id}/dossier`, { revision: 1, basicInfo: { mentors: 99 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'STALE_REVISION', details: { currentRevision: 2 } });
    expect(stale.json().error.message).toContain('本次操作未执行');
    expect(await fingerprint(app.id)).toEqual(before);
    expect((await opStaff.get(`/api/applications/${app.id}`)).json().basicInfo.mentors).toBe(3);
  });

  it('evaluates the dossier against the call’s rule set, each condition with its clause, without blocking', async () => {
    const app = await buildDraft();
    await opStaff.put(`/api/applications/${app.id}/dossier`, { revision: 1, basicInfo: { mentors: 1 }, indicators: { indicators: { teamsInSubField: 14 } } });
    const res = await opStaff.get(`/api/applications/${app.id}/assessment`);
    expect(res.statusCode, res.body).toBe(200);
    const { evaluation, ruleSet } = res.json();
    expect(ruleSet.key).toBe('liaoning-2019');
    expect(evaluation.overall).toBe('fail');
    const text = JSON.stringify(evaluation.results);
    expect(text).toContain('辽宁指引 二(五)：细分领域创业团队或企业数量应不少于15家，申报值14家，不符合');
    const outcomes = new Set(JSON.stringify(evaluation.results).match(/"outcome":"(\w+)"/g));
    expect([...outcomes].some((o) => o.includes('missing_data'))).toBe(true);
  });

  it('lists everything missing at submission, field by field', async () => {
    const app = await buildDraft();
    await opStaff.put(`/api/applications/${app.id}/dossier`, { revision: 1, report: { ...COMPLETE_REPORT, successCases: COMPLETE_REPORT.successCases!.slice(0, 2) } });
    const res = await opStaff.post(`/api/applications/${app.id}/submit`, { revision: 2 });
    expect(res.statusCode).toBe(422);
    const { code, fields, message } = res.json().error;
    expect(code).toBe('APPLICATION_INCOMPLETE');
    const named = fields.map((f: { field: string }) => f.field);
    expect(named).toEqual(expect.arrayContaining(['basicInfo.teamTotal', 'basicInfo.eventsHeld', 'report.successCases', 'attachments.business_licence', 'attachments.applicant_commitment', 'commitment']));
    expect(named).not.toContain('attachments.fund_proof');

    // Emptying a slot brings it back onto the list.
    const full = await buildComplete();
    const { attachments } = (await opStaff.get(`/api/applications/${full.id}`)).json();
    const licence = attachments.find((a: { slotKey: string }) => a.slotKey === 'business_licence');
    expect(licence).toMatchObject({ fileName: '营业执照副本.pdf', sizeBytes: SAMPLE.pdf.length, addedByName: '新锐智造空间运营专员' });
    expect((await opStaff.delete(`/api/applications/${full.id}/attachments/${licence.id}`)).statusCode).toBe(204);
    expect((await opStaff.delete(`/api/applications/${full.id}/attachments/${licence.id}`)).statusCode).toBe(404);
    const after = (await opStaff.get(`/api/applications/${full.id}`)).json();
    expect(after.missing).toEqual([{ field: 'attachments.business_licence', message: '营业执照未上传', messageEn: '营业执照 (business_licence) is not uploaded' }]);
    expect(message).toContain('营业执照未上传');
    expect(message).toContain('成功案例应为3–5个，现有2个');
    expect((await fingerprint(app.id))!.status).toBe('draft');
  });

  it('submits a complete dossier atomically with its evaluation, history and audit; then withdraws and resubmits', async () => {
    const app = await buildComplete();
    const res = await opStaff.post(`/api/applications/${app.id}/submit`, { revision: app.revision });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: 'submitted', missing: [], abilities: { edit: false, withdraw: true } });
    expect(body.history.map((h: { action: string }) => h.action)).toEqual(['create', 'commitment.confirm', 'submit']);
    const [row] = await t.ctx.database.query<{ evaluation: { ruleSetId: string; overall: string } }>('select evaluation from applications where id = $1', [app.id]);
    expect(row!.evaluation.ruleSetId).toBe('liaoning-2019');
    expect(await auditActions(app.id)).toEqual(expect.arrayContaining(['application.create', 'application.attach', 'application.commitment.confirm', 'application.submit']));

    expect((await opStaff.put(`/api/applications/${app.id}/dossier`, { revision: body.revision, basicInfo: {} })).statusCode).toBe(409);
    const file = await upload(opStaff, '补充.pdf', SAMPLE.pdf);
    expect((await opStaff.post(`/api/applications/${app.id}/attachments`, { slotKey: 'fund_proof', fileId: file.id })).statusCode).toBe(409);

    const withdrawn = await opStaff.post(`/api/applications/${app.id}/withdraw`, { revision: body.revision, reason: '补充材料' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', abilities: { edit: true, submit: true } });
    expect((await opStaff.post(`/api/applications/${app.id}/withdraw`, { revision: withdrawn.json().revision })).statusCode).toBe(409);
    const again = await opStaff.post(`/api/applications/${app.id}/submit`, { revision: withdrawn.json().revision });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().history.map((h: { action: string }) => h.action).slice(-2)).toEqual(['withdraw', 'submit']);
  });

  it('lets exactly one of two concurrent submissions through', async () => {
    const app = await buildComplete();
    const results = await Promise.all([
      opStaff.post(`/api/applications/${app.id}/submit`, { revision: app.revision }),
      opAdmin.post(`/api/applications/${app.id}/submit`, { revision: app.revision }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const [events] = await t.ctx.database.query<{ n: number }>(`select count(*)::int as n from application_events where application_id = $1 and action = 'submit'`, [app.id]);
    expect(events!.n).toBe(1);
  });
});

describe('deadlines and credit', () => {
  it('refuses before the call opens', async () => {
    const app = await buildComplete({ opensIn: 24 * HOUR });
    const res = await opStaff.post(`/api/applications/${app.id}/submit`, { revision: app.revision });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('APPLICATION_NOT_OPEN');
    expect(res.json().error.message).toContain('北京时间');
  });

  it('refuses after the call closes until an authority admin over the call grants an extension (audited)', async () => {
    const app = await buildComplete();
    // The call's time has passed: moved in the database, as the clock would.
    await t.ctx.database.query(`update calls set opens_at = now() - interval '2 days', closes_at = now() - interval '1 hour' where id = (select call_id from applications where id = $1)`, [app.id]);
    const late = await opStaff.post(`/api/applications/${app.id}/submit`, { revision: app.revision });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('APPLICATION_DEADLINE_PASSED');
    expect(late.json().error.message).toMatch(/已于\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}（北京时间）截止/);

    const until = new Date(Date.now() + 2 * 24 * HOUR).toISOString();
    const [reviewer, dalian] = await Promise.all([signIn(t.app, 'sy_reviewer'), signIn(t.app, 'dl_admin')]);
    const before = await fingerprint(app.id);
    expect((await reviewer.post(`/api/applications/${app.id}/extension`, { until, reason: '系统故障' })).statusCode).toBe(403);
    expect((await dalian.post(`/api/applications/${app.id}/extension`, { until, reason: '系统故障' })).statusCode).toBe(404);
    expect((await opAdmin.post(`/api/applications/${app.id}/extension`, { until, reason: '系统故障' })).statusCode).toBe(403);
    expect(await fingerprint(app.id)).toEqual(before);

    const past = await syAdmin.post(`/api/applications/${app.id}/extension`, { until: new Date(Date.now() - HOUR).toISOString(), reason: '系统故障' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields[0].field).toBe('body.until');

    const granted = await syAdmin.post(`/api/applications/${app.id}/extension`, { until, reason: '系统故障' });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(new Date(granted.json().deadline).toISOString()).toBe(until);
    expect(await auditActions(app.id)).toContain('application.extend');
    const inbox = (await opStaff.get('/api/notifications')).json();
    expect(inbox.items[0]).toMatchObject({ title: '申报截止时间已延期', link: `/app/applications/${app.id}` });

    const onTime = await opStaff.post(`/api/applications/${app.id}/submit`, { revision: app.revision });
    expect(onTime.statusCode, onTime.body).toBe(200);
  });

  it('refuses while a credit ban runs, naming its end date; an expired ban does not count', async () => {
    const app = await buildComplete();
    const [record] = await t.ctx.database.query<{ id: string }>(
      `insert into credit_records (org_id, reason, ban_until) values ($1, '提供虚假材料', '2028-05-01T04:00:00Z') returning id`,
      [app.operator.id],
    );
    try {
      const banned = await opStaff.post(`/api/applications/${app.id}/submit`, { revision: app.revision });
      expect(banned.statusCode).toBe(403);
      expect(banned.json().error.code).toBe('CREDIT_BANNED');
      expect(banned.json().error.message).toContain('2028年5月1日');
      expect((await fingerprint(app.id))!.status).toBe('draft');

      await t.ctx.database.query(`update credit_records set ban_until = now() - interval '1 day' where id = $1`, [record!.id]);
      const ok = await opStaff.post(`/api/applications/${app.id}/submit`, { revision: app.revision });
      expect(ok.statusCode, ok.body).toBe(200);
    } finally {
      await t.ctx.database.query('delete from credit_records where id = $1', [record!.id]);
    }
  });
});

describe('commitment and exports', () => {
  it('generates the commitment letter prefilled, and only the operator admin confirms it', async () => {
    const app = await buildDraft();
    const doc = await opStaff.get(`/api/applications/${app.id}/commitment.docx`);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    expect(doc.headers['content-disposition']).toContain("filename*=UTF-8''");
    const xml = readZip(doc.rawPayload).find((e) => e.name === 'word/document.xml')!.data.toString('utf8');
    // A city call: committed to the city bureau by name, the city's consequences, no national wording.
    for (const text of ['申报单位信用承诺书', '沈阳市科学技术局：', '本单位向沈阳市科学技术局承诺', '市级众创空间备案', '沈阳新锐智造众创科技有限公司', '新锐智造众创空间', '沈阳市众创空间备案', '取消其市级众创空间资格', '年____月____日'])
      expect(xml).toContain(text);
    for (const text of ['国家专业化众创空间', '取消推荐资格', '省公共信用信息平台']) expect(xml).not.toContain(text);
    // The legal representative signs by hand: the line is blank, not prefilled with a name.
    const saved = await opStaff.put(`/api/applications/${app.id}/dossier`, { revision: app.revision, basicInfo: COMPLETE_BASIC_INFO });
    expect(saved.statusCode, saved.body).toBe(200);
    const signed = readZip((await opStaff.get(`/api/applications/${app.id}/commitment.docx`)).rawPayload).find((e) => e.name === 'word/document.xml')!.data.toString('utf8');
    expect(signed).toContain('运营主体法定代表人（签字）：____________');
    expect(signed).not.toContain(COMPLETE_BASIC_INFO.legalRepresentative!);
    const scan = await upload(opStaff, '信用承诺书（签字盖章）.pdf', SAMPLE.pdf);
    expect((await opStaff.post(`/api/applications/${app.id}/attachments`, { slotKey: 'applicant_commitment', fileId: scan.id })).statusCode).toBe(201);

    const before = await fingerprint(app.id);
    const staff = await opStaff.post(`/api/applications/${app.id}/commitment/confirm`, {});
    expect(staff.statusCode).toBe(403);
    const after = await fingerprint(app.id);
    expect({ ...after, audit_rows: 0 }).toEqual({ ...before, audit_rows: 0 });
    expect(after!.commitment_confirmed_at).toBeNull();

    const admin = await opAdmin.post(`/api/applications/${app.id}/commitment/confirm`, {});
    expect(admin.statusCode).toBe(200);
    expect(admin.json().commitment.confirmedAt).not.toBeNull();
    expect(await auditActions(app.id)).toEqual(expect.arrayContaining(['application.commitment.download', 'application.commitment.confirm']));
  });

  it('refuses to confirm before the signed scan is uploaded, naming the slot, and changes nothing', async () => {
    const app = await buildDraft();
    const before = await fingerprint(app.id);
    const refused = await opAdmin.post(`/api/applications/${app.id}/commitment/confirm`, {});
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().error.fields[0]).toMatchObject({ field: 'attachments.applicant_commitment', message: expect.stringContaining('扫描件') });
    expect(await fingerprint(app.id)).toEqual(before);

    const scan = await upload(opStaff, '信用承诺书（签字盖章）.pdf', SAMPLE.pdf);
    const attached = await opStaff.post(`/api/applications/${app.id}/attachments`, { slotKey: 'applicant_commitment', fileId: scan.id });
    expect(attached.statusCode).toBe(201);
    const confirmed = await opAdmin.post(`/api/applications/${app.id}/commitment/confirm`, {});
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().missing.map((m: { field: string }) => m.field)).not.toContain('commitment');

    // Removing the only scan withdraws the confirmation: what was confirmed is gone.
    expect((await opStaff.request('DELETE', `/api/applications/${app.id}/attachments/${attached.json().id}`)).statusCode).toBe(204);
    const after = (await opStaff.get(`/api/applications/${app.id}`)).json();
    expect(after.commitment.confirmedAt).toBeNull();
    expect(after.missing.map((m: { field: string }) => m.field)).toEqual(expect.arrayContaining(['attachments.applicant_commitment', 'commitment']));
  });

  it('words the letter of a provincial call for the province, and of a national call as 001 附件4', async () => {
    const province = await documentXml({ level: 'province', authorityName: '辽宁省科学技术厅', category: 'professional' });
    for (const text of ['辽宁省科学技术厅：', '省级专业化众创空间备案', '2年内不得再次申报']) expect(province).toContain(text);
    for (const text of ['国家专业化众创空间', '取消推荐资格']) expect(province).not.toContain(text);
    const national = await documentXml({ level: 'national', authorityName: '江苏省科学技术厅', category: 'professional' });
    for (const text of ['国家专业化众创空间申报数据真实', '取消推荐资格', '省公共信用信息平台']) expect(national).toContain(text);
  });

  it('exports the application as one Word document and the materials as a ZIP with a manifest', async () => {
    const app = await buildComplete();
    const extra = await upload(opStaff, '营业执照副本.pdf', SAMPLE.pdf);
    await opStaff.post(`/api/applications/${app.id}/attachments`, { slotKey: 'business_licence', fileId: extra.id });

    const docx = await opStaff.get(`/api/applications/${app.id}/export.docx`);
    expect(docx.statusCode).toBe(200);
    const xml = readZip(docx.rawPayload).find((e) => e.name === 'word/document.xml')!.data.toString('utf8');
    for (const text of ['专业化众创空间基础信息表', '管理团队人员总数', '3200.5', '平方米', '万元', '是（新锐智造创客云）', '企业（民营）', '一、1. 建设主体基本情况', '集团概况', '案例2内容', '四、组织与保障', '组织保障'])
      expect(xml).toContain(text);

    const zip = await opStaff.get(`/api/applications/${app.id}/materials.zip`);
    expect(zip.statusCode, zip.body).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    const entries = readZip(zip.rawPayload);
    expect(entries.every((e) => e.utf8)).toBe(true);
    expect(entries.map((e) => e.name)).toEqual(['manifest.csv', '申报单位信用承诺书/信用承诺书（盖章）.pdf', '营业执照/营业执照副本.pdf', '营业执照/营业执照副本(2).pdf']);
    const manifest = entries[0]!.data;
    expect(manifest.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const sha = createHash('sha256').update(SAMPLE.pdf).digest('hex');
    const lines = manifest.toString('utf8').trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toContain(`"business_licence","营业执照","营业执照/营业执照副本(2).pdf","营业执照副本.pdf","${SAMPLE.pdf.length}","${sha}"`);
    expect(entries[3]!.data).toEqual(SAMPLE.pdf);
    expect(await auditActions(app.id)).toEqual(expect.arrayContaining(['application.export.docx', 'application.export.materials']));
  });
});

describe('authorization', () => {
  it('hides an application from another operator (404) and changes nothing', async () => {
    const app = await buildComplete();
    const other = await signIn(t.app, 'op_univ_admin');
    const theirFile = await upload(other, '他人文件.pdf', SAMPLE.pdf);
    const before = await fingerprint(app.id);
    const tries = [
      other.get(`/api/applications/${app.id}`),
      other.get(`/api/applications/${app.id}/assessment`),
      other.get(`/api/applications/${app.id}/export.docx`),
      other.get(`/api/applications/${app.id}/materials.zip`),
      other.get(`/api/applications/${app.id}/commitment.docx`),
      other.put(`/api/applications/${app.id}/dossier`, { revision: app.revision, basicInfo: {} }),
      other.post(`/api/applications/${app.id}/attachments`, { slotKey: 'fund_proof', fileId: theirFile.id }),
      other.post(`/api/applications/${app.id}/commitment/confirm`, {}),
      other.post(`/api/applications/${app.id}/submit`, { revision: app.revision }),
      other.post(`/api/applications/${app.id}/withdraw`, { revision: app.revision }),
    ];
    for (const res of await Promise.all(tries)) expect(res.statusCode, res.body).toBe(404);
    expect(await fingerprint(app.id)).toEqual(before);
    expect((await other.get('/api/applications')).json().items.some((i: { id: string }) => i.id === app.id)).toBe(false);

    // Nor may the applicant attach a file that is not its own.
    const foreign = await opStaff.post(`/api/applications/${app.id}/attachments`, { slotKey: 'fund_proof', fileId: theirFile.id });
    expect(foreign.statusCode).toBe(404);
    const noSlot = await opStaff.post(`/api/applications/${app.id}/attachments`, { slotKey: 'nope', fileId: theirFile.id });
    expect(noSlot.json().error.fields[0].field).toBe('body.slotKey');
    expect(await fingerprint(app.id)).toEqual(before);
  });

  it('lets reviewers in jurisdiction read (mobiles masked) and hides it from reviewers outside (404)', async () => {
    const app = await buildComplete();
    const inside = await signIn(t.app, 'sy_reviewer');
    const seen = await inside.get(`/api/applications/${app.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().basicInfo).toMatchObject({ principalMobile: '138****0001', contactMobile: '139****0002', legalRepresentativePhone: '024-****2116' });
    expect(seen.json().abilities).toMatchObject({ read: true, edit: false, submit: false, export: true });
    expect((await inside.get(`/api/applications/${app.id}/export.docx`)).statusCode).toBe(200);
    expect((await inside.get(`/api/applications/${app.id}/materials.zip`)).statusCode).toBe(200);
    expect((await inside.put(`/api/applications/${app.id}/dossier`, { revision: app.revision })).statusCode).toBe(403);
    expect((await inside.get('/api/applications')).statusCode).toBe(403);
    const province = await signIn(t.app, 'ln_reviewer');
    expect((await province.get(`/api/applications/${app.id}`)).statusCode).toBe(200);

    const outsiders = await Promise.all(['dl_reviewer', 'nj_reviewer', 'js_reviewer'].map((u) => signIn(t.app, u)));
    const before = await fingerprint(app.id);
    for (const outside of outsiders) {
      expect((await outside.get(`/api/applications/${app.id}`)).statusCode).toBe(404);
      expect((await outside.get(`/api/applications/${app.id}/export.docx`)).statusCode).toBe(404);
    }
    expect(await fingerprint(app.id)).toEqual(before);
  });
});

describe('personal data (SECURITY-CHECKLIST 18)', () => {
  const FULL = [COMPLETE_BASIC_INFO.principalMobile, COMPLETE_BASIC_INFO.contactMobile, COMPLETE_BASIC_INFO.legalRepresentativePhone];
  const docxText = async (agent: Agent, id: string) => {
    const res = await agent.get(`/api/applications/${id}/export.docx`);
    expect(res.statusCode, res.body).toBe(200);
    return readZip(res.rawPayload).find((e) => e.name === 'word/document.xml')!.data.toString('utf8');
  };
  const reveals = async (id: string) =>
    (await t.ctx.database.query<{ actor_username: string; result: string; detail: Record<string, unknown> }>(
      `select actor_username, result, detail from audit_log where action = 'personal_data.reveal' and object_id = $1 order by id`,
      [id],
    )).map((r) => ({ who: r.actor_username, result: r.result, detail: r.detail }));

  it('masks the phones for operator staff and reviewers, in the dossier and its Word export; the applicant’s admin sees them', async () => {
    const app = await buildComplete();
    const reviewer = await signIn(t.app, 'sy_reviewer');
    for (const agent of [opStaff, reviewer]) {
      const body = (await agent.get(`/api/applications/${app.id}`)).body;
      const xml = await docxText(agent, app.id);
      for (const full of FULL) {
        expect(body).not.toContain(full);
        expect(xml).not.toContain(full);
      }
      expect(mobilesIn(body)).toEqual([]);
      expect(xml).toContain('138****0001');
      expect(xml).toContain('024-****2116');
    }
    expect((await opAdmin.get(`/api/applications/${app.id}`)).json().basicInfo).toMatchObject({ principalMobile: '13800000001', contactMobile: '13900000002' });
    expect(await docxText(opAdmin, app.id)).toContain('13800000001');
  });

  it('keeps the stored number when staff save the form with the masked value they were shown', async () => {
    const app = await buildComplete();
    const shown = (await opStaff.get(`/api/applications/${app.id}`)).json();
    const saved = await opStaff.put(`/api/applications/${app.id}/dossier`, { revision: shown.revision, basicInfo: { ...shown.basicInfo, contactName: '李四' } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await opAdmin.get(`/api/applications/${app.id}`)).json().basicInfo).toMatchObject({ contactName: '李四', principalMobile: '13800000001', contactMobile: '13900000002', legalRepresentativePhone: '024-83232116' });
    // A masked value that is not the stored number's is no number at all.
    const wrong = await opStaff.put(`/api/applications/${app.id}/dossier`, { revision: saved.json().revision, basicInfo: { ...shown.basicInfo, contactMobile: '139****9999' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].field).toBe('body.basicInfo.contactMobile');
  });

  it('reveals one field to a reviewer in jurisdiction, with the reason audited and never the value', async () => {
    const app = await buildComplete();
    const reviewer = await signIn(t.app, 'sy_reviewer');
    expect((await reviewer.get(`/api/applications/${app.id}`)).json().abilities).toMatchObject({ read_personal: false, reveal_personal: true });
    const res = await reviewer.post(`/api/applications/${app.id}/reveal`, { field: 'contactMobile', reason: '电话核实场地租赁情况' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ field: 'contactMobile', value: '13900000002' });
    const rows = await reveals(app.id);
    expect(rows).toEqual([{ who: 'sy_reviewer', result: 'success', detail: { field: 'basicInfo.contactMobile', reason: '电话核实场地租赁情况' } }]);
    expect(JSON.stringify(rows)).not.toContain('13900000002');
  });

  it('refuses a missing or short reason and an unknown field, naming the field', async () => {
    const app = await buildComplete();
    const reviewer = await signIn(t.app, 'sy_reviewer');
    const short = await reviewer.post(`/api/applications/${app.id}/reveal`, { field: 'contactMobile', reason: '看看' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields[0].field).toBe('body.reason');
    const none = await reviewer.post(`/api/applications/${app.id}/reveal`, { field: 'contactMobile' });
    expect(none.json().error.fields[0].field).toBe('body.reason');
    const field = await reviewer.post(`/api/applications/${app.id}/reveal`, { field: 'report', reason: '核实申报书内容是否属实' });
    expect(field.statusCode).toBe(400);
    expect(field.json().error.fields[0]).toMatchObject({ field: 'body.field', messageEn: expect.stringContaining('legalRepresentativePhone, principalMobile, contactMobile') });
    expect(await reveals(app.id)).toEqual([]);
  });

  it('refuses operator staff (403), other jurisdictions, the system admin and anonymous callers, revealing nothing', async () => {
    const app = await buildComplete();
    const body = { field: 'principalMobile', reason: '需要联系负责人核实' };
    const staff = await opStaff.post(`/api/applications/${app.id}/reveal`, body);
    expect(staff.statusCode).toBe(403);
    // The system admin reads no application at all: refused by role (403) whatever the id.
    expect((await (await signIn(t.app, 'sysadmin')).post(`/api/applications/${app.id}/reveal`, body)).statusCode).toBe(403);
    for (const who of ['dl_reviewer', 'nj_admin', 'expert_li'] as const) {
      const res = await (await signIn(t.app, who)).post(`/api/applications/${app.id}/reveal`, body);
      expect(res.statusCode, who).toBe(404);
      expect(res.body).not.toContain('13800000001');
    }
    const anon = new Agent(t.app);
    await anon.get('/api/auth/csrf');
    expect((await anon.post(`/api/applications/${app.id}/reveal`, body)).statusCode).toBe(401);
    expect(staff.body).not.toContain('13800000001');
    expect(await reveals(app.id)).toEqual([]);
  });
});

describe('the system admin (SECURITY-CHECKLIST 9: administrators run the platform, they do not read dossiers)', () => {
  it('is refused the dossier and its exports (by role, 403) and its files (404), where the reviewer in jurisdiction reads them', async () => {
    const app = await buildComplete();
    const detail = (await opStaff.get(`/api/applications/${app.id}`)).json();
    const fileId = detail.attachments[0].fileId as string;
    const urls = [
      `/api/applications/${app.id}`,
      `/api/applications/${app.id}/export.docx`,
      `/api/applications/${app.id}/materials.zip`,
      `/api/applications/${app.id}/assessment`,
      `/api/files/${fileId}`,
      `/api/files/${fileId}/download`,
    ];
    const sysadmin = await signIn(t.app, 'sysadmin');
    const before = await fingerprint(app.id);
    for (const url of urls) {
      const res = await sysadmin.get(url);
      expect(res.statusCode, url).toBe(url.startsWith('/api/files/') ? 404 : 403);
      expect(res.body).not.toContain('%PDF');
      expect(res.body).not.toContain(app.id);
    }
    expect(await fingerprint(app.id)).toEqual(before);
    const reviewer = await signIn(t.app, 'sy_reviewer');
    for (const url of urls.slice(0, 4)) expect((await reviewer.get(url)).statusCode, url).toBe(200);
  });
});

describe('a call’s applications, state by state (GET /api/calls/:id/applications)', () => {
  it('counts every state and pages the list for the authority over the call; refuses others, changing nothing', async () => {
    const done = await buildComplete();
    const callId = (await opStaff.get(`/api/applications/${done.id}`)).json().call.id as string;
    expect((await opStaff.post(`/api/applications/${done.id}/submit`, { revision: done.revision })).statusCode).toBe(200);
    // A fixed number of statements whatever the page holds (read twice: the first may refresh the session).
    const statements = async () => {
      await syAdmin.get(`/api/calls/${callId}/applications`);
      return (await statementProbe.count(() => syAdmin.get(`/api/calls/${callId}/applications`))).statements;
    };
    const one = await statements();
    const second = await opStaff.post('/api/applications', { callId, spaceId: await buildSpace() });
    expect(second.statusCode, second.body).toBe(201);
    expect(await statements()).toBe(one);

    const all = await syAdmin.get(`/api/calls/${callId}/applications`);
    expect(all.statusCode, all.body).toBe(200);
    const body = all.json();
    expect(body.total).toBe(2);
    const counts = Object.fromEntries(body.counts.map((c: { status: string; count: number }) => [c.status, c.count]));
    expect(counts).toMatchObject({ draft: 1, submitted: 1, in_review: 0, filed: 0 });
    expect(body.counts).toHaveLength(9);

    const submitted = (await syAdmin.get(`/api/calls/${callId}/applications?status=submitted&pageSize=1`)).json();
    expect(submitted).toMatchObject({ total: 1, page: 1, pageSize: 1 });
    expect(submitted.items[0]).toMatchObject({ id: done.id, status: 'submitted', operatorName: '沈阳新锐智造众创科技有限公司', regionName: '浑南区', round: 1 });
    expect(submitted.items[0].space.name).toMatch(/^新锐智造众创空间/);

    const [xc, lnReviewer] = await Promise.all([signIn(t.app, 'xc_admin'), signIn(t.app, 'ln_reviewer')]);
    const before = await fingerprint(done.id);
    expect((await xc.get(`/api/calls/${callId}/applications`)).statusCode).toBe(404);
    // The province above the city reads the applications of its city's call.
    expect((await lnReviewer.get(`/api/calls/${callId}/applications`)).statusCode).toBe(200);
    expect((await opStaff.get(`/api/calls/${callId}/applications`)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/calls/${callId}/applications` })).statusCode).toBe(401);
    const bad = await syAdmin.get(`/api/calls/${callId}/applications?status=approved`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('querystring.status');
    expect((await syAdmin.get('/api/calls/abc/applications')).statusCode).toBe(400);
    expect(await fingerprint(done.id)).toEqual(before);
  });
});
