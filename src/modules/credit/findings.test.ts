import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { applicationAtStage, uploadFile } from '../../../test/helpers/journey.ts';
import { mobilesIn } from '../../../test/helpers/redaction.ts';
import { COMPLETE_BASIC_INFO, COMPLETE_REPORT } from '../applications/fixtures.test-helper.ts';
import { SYSTEM_CONTEXT } from '../audit/service.ts';
import { shanghaiDate } from '../documents/format.ts';
import { EXPORT_RATE } from '../../shared/http/download.ts';
import { createSpaceInTx, findSpaceById } from '../spaces/service.ts';
import { activeBan } from './service.ts';

let t: TestApp;
const agents: Record<string, Agent> = {};
const as = (name: string) => agents[name]!;
const USERS = ['cg_admin', 'cg_reviewer', 'yz_admin', 'xc_admin', 'xc_reviewer', 'most_admin', 'szgx_admin', 'js_intake', 'op_cg_admin', 'op_robot_admin', 'expert_wang', 'sy_admin'];
const REASON = '经核查，申报材料中的场地租赁合同系伪造，在孵企业数量虚报。';

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  for (const u of USERS) agents[u] = await signIn(t.app, u);
});
afterAll(() => t.close());

/** Application status, credit records, filings and audit rows: what a refused finding must leave alone. */
async function fingerprint(applicationId: string) {
  const [row] = await t.ctx.database.query(
    `select (select concat_ws('|', status, stage_key, revision) from applications where id = $1) as app,
       (select md5(coalesce(string_agg(c::text, ',' order by c::text), '')) from credit_records c) as credit,
       (select md5(coalesce(string_agg(f::text, ',' order by f::text), '')) from filings f) as filings,
       (select count(*)::int from audit_log where action <> 'access.denied') as audit_rows`,
    [applicationId],
  );
  return row;
}

async function evidence(agent: Agent) {
  return (await uploadFile(agent, '核查报告.pdf')).id;
}

describe('fraud findings (002 §四.(一).3)', () => {
  it('refuses outsiders, wrong roles and authorities outside the chain, changing nothing', async () => {
    const a = await applicationAtStage(t, 'xuchang_city', 'county_review');
    const outsiders = ['yz_admin', 'sy_admin', 'cg_reviewer', 'xc_reviewer', 'most_admin', 'op_cg_admin', 'expert_wang', 'szgx_admin', 'js_intake'];
    const files = Object.fromEntries(await Promise.all(outsiders.map(async (u) => [u, await evidence(as(u))] as const)));
    const before = await fingerprint(a.id);
    const find = (u: string) => as(u).post('/api/credit/findings', { applicationId: a.id, reason: REASON, evidenceFileId: files[u] });
    // Out of the jurisdiction (another county, another province's city): 404.
    for (const u of ['yz_admin', 'sy_admin']) expect((await find(u)).statusCode, u).toBe(404);
    // In scope but not an authority admin of the chain: 403 (the ministry works no stage of 许昌's chain).
    for (const u of outsiders.slice(2)) expect((await find(u)).statusCode, u).toBe(403);
    expect(await fingerprint(a.id)).toEqual(before);
  });

  it('refuses bad input naming the field, someone else’s evidence, and a draft', async () => {
    const a = await applicationAtStage(t, 'xuchang_city', 'county_review');
    const file = await evidence(as('cg_admin'));
    const before = await fingerprint(a.id);
    const short = await as('cg_admin').post('/api/credit/findings', { applicationId: a.id, reason: '材料造假', evidenceFileId: file });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields[0].field).toBe('body.reason');
    const long = await as('cg_admin').post('/api/credit/findings', { applicationId: a.id, reason: '假'.repeat(2001), evidenceFileId: file });
    expect(long.json().error.fields[0].field).toBe('body.reason');
    expect((await as('cg_admin').post('/api/credit/findings', { applicationId: a.id, reason: REASON })).json().error.fields[0].field).toBe('body.evidenceFileId');
    expect((await as('cg_admin').post('/api/credit/findings', { applicationId: 'x', reason: REASON, evidenceFileId: file })).json().error.fields[0].field).toBe('body.applicationId');
    const foreign = await as('cg_admin').post('/api/credit/findings', { applicationId: a.id, reason: REASON, evidenceFileId: await evidence(as('xc_admin')) });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.fields[0].field).toBe('body.evidenceFileId');
    const after = await fingerprint(a.id);
    expect([after!.credit, after!.app]).toEqual([before!.credit, before!.app]);

    // A draft was never handed in: nothing to cancel.
    const demo = (await findSpaceById(t.ctx.db, (await t.ctx.database.query<{ space_id: string }>(`select space_id from applications where id = $1`, [a.id]))[0]!.space_id))!;
    const space = await t.ctx.db.transaction((tx) =>
      createSpaceInTx(tx, SYSTEM_CONTEXT, demo.operator, { name: '长葛创新工场众创空间草稿号', category: 'regular', regularType: demo.regularType, industry: demo.industry, regionCode: demo.regionCode, hostIds: [], managementSystems: demo.managementSystems }),
    );
    const draft = (await as('op_cg_admin').post('/api/applications', { callId: a.callId, spaceId: space.id })).json();
    const res = await as('cg_admin').post('/api/credit/findings', { applicationId: draft.id, reason: REASON, evidenceFileId: file });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('草稿');
  });

  it('cancels the application, records the operator’s ban for two years, audits and tells the applicant', async () => {
    const a = await applicationAtStage(t, 'xuchang_city', 'city_review');
    const res = await as('xc_admin').post('/api/credit/findings', { applicationId: a.id, reason: REASON, evidenceFileId: await evidence(as('xc_admin')) });
    expect(res.statusCode, res.body).toBe(201);
    const record = res.json();
    expect(record).toMatchObject({ orgName: '长葛市创新工场企业管理有限公司', reason: REASON, subjectType: 'application', subjectId: a.id, active: true });
    const found = new Date(record.foundAt);
    const until = new Date(record.banUntil);
    // 00:00 Asia/Shanghai of the same date two years on.
    expect(shanghaiDate(until).slice(4)).toBe(shanghaiDate(found).slice(4));
    expect(Number(shanghaiDate(until).slice(0, 4))).toBe(Number(shanghaiDate(found).slice(0, 4)) + 2);
    expect((until.getTime() + 8 * 3600_000) % 86_400_000).toBe(0);

    const detail = (await as('op_cg_admin').get(`/api/applications/${a.id}`)).json();
    expect(detail.status).toBe('cancelled_for_fraud');
    expect(detail.history.at(-1)).toMatchObject({ action: 'cancel_for_fraud', toStatus: 'cancelled_for_fraud', note: REASON });
    const audit = await t.ctx.database.query<{ action: string }>(`select action from audit_log where object_id in ($1, $2) order by id`, [a.id, record.id]);
    expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['application.cancel_for_fraud', 'credit.fraud_found']));
    const notices = await t.ctx.database.query<{ body: string }>(
      `select n.body from notifications n join users u on u.id = n.user_id where u.username = 'op_cg_admin' and n.title like '%弄虚作假%'`,
    );
    expect(notices.map((n) => n.body).join()).toContain(REASON);
    // Once cancelled, there is nothing more to cancel.
    const again = await as('xc_admin').post('/api/credit/findings', { applicationId: a.id, reason: REASON, evidenceFileId: await evidence(as('xc_admin')) });
    expect(again.statusCode).toBe(409);

    // The ban: from the finding until the same date two years later, and not after.
    const org = record.orgId as string;
    expect((await activeBan(t.ctx.db, org, new Date(found.getTime() + 1000)))?.id).toBe(record.id);
    expect((await activeBan(t.ctx.db, org, new Date(until.getTime() - 1)))?.id).toBe(record.id);
    expect(await activeBan(t.ctx.db, org, until)).toBeUndefined();
    expect(await activeBan(t.ctx.db, org, new Date(found.getTime() - 1000))).toBeUndefined();
  });

  it('lists records by jurisdiction (or the operator’s own) and exports them to Excel', async () => {
    const inScope = async (u: string) => (await as(u).get('/api/credit/records?pageSize=100')).json().items.map((r: { orgName: string }) => r.orgName);
    for (const u of ['cg_admin', 'cg_reviewer', 'xc_reviewer', 'op_cg_admin', 'most_admin']) expect(await inScope(u), u).toContain('长葛市创新工场企业管理有限公司');
    for (const u of ['yz_admin', 'sy_admin', 'op_robot_admin', 'szgx_admin']) expect(await inScope(u), u).toEqual([]);
    expect((await as('expert_wang').get('/api/credit/records')).statusCode).toBe(403);
    expect((await as('cg_admin').get('/api/credit/records?q=租赁合同')).json().total).toBe(1);
    expect((await as('cg_admin').get('/api/credit/records?q=无此事由')).json().total).toBe(0);

    const res = await as('xc_admin').get('/api/credit/records.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('不良科技信用记录')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '序号', '单位名称', '统一社会信用代码', '认定事由', '认定日期', '限制申报截止日期', '状态']);
    const record = (await as('xc_admin').get('/api/credit/records')).json().items[0];
    expect(sheet.getRow(2).values).toEqual([
      undefined, 1, '长葛市创新工场企业管理有限公司', record.uscc, REASON, shanghaiDate(new Date(record.foundAt)), shanghaiDate(new Date(record.banUntil)), '限制中',
    ]);
    // No contact of the operator is exported (SECURITY-CHECKLIST 18): no column carries one, in full or not.
    const cells: string[] = [];
    book.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void cells.push(String(c.value)))));
    expect(mobilesIn(cells.join(' '))).toEqual([]);
    const audited = await t.ctx.database.query(`select 1 from audit_log where action = 'credit.records.export'`);
    expect(audited).toHaveLength(1);
    expect((await as('expert_wang').get('/api/credit/records.xlsx')).statusCode).toBe(403);
  });

  it('refuses the banned operator’s next submission, naming the date', async () => {
    const record = (await as('op_cg_admin').get('/api/credit/records')).json().items[0];
    const demo = (await t.ctx.database.query<{ id: string; call_id: string }>(`select s.id, a.call_id from spaces s join applications a on a.space_id = s.id where s.name like '长葛创新工场众创空间%' limit 1`))[0]!;
    const base = (await findSpaceById(t.ctx.db, demo.id))!;
    const space = await t.ctx.db.transaction((tx) =>
      createSpaceInTx(tx, SYSTEM_CONTEXT, base.operator, { name: '长葛创新工场众创空间新申报号', category: 'regular', regularType: base.regularType, industry: base.industry, regionCode: base.regionCode, hostIds: [], managementSystems: base.managementSystems }),
    );
    const op = as('op_cg_admin');
    const created = (await op.post('/api/applications', { callId: demo.call_id, spaceId: space.id })).json();
    const saved = (await op.put(`/api/applications/${created.id}/dossier`, { revision: created.revision, basicInfo: COMPLETE_BASIC_INFO, report: COMPLETE_REPORT })).json();
    const res = await op.post(`/api/applications/${created.id}/submit`, { revision: saved.revision });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'CREDIT_BANNED', details: { banUntil: record.banUntil } });
    expect(res.json().error.message).toContain(shanghaiDate(new Date(record.banUntil)));
  });

  it('limits exports per address: the allowance a minute, then 429, other addresses unaffected', async () => {
    const busy = await new Agent(t.app, '10.20.30.40').login('xc_admin');
    for (let i = 0; i < EXPORT_RATE.max; i++) expect((await busy.get('/api/credit/records.xlsx')).statusCode).toBe(200);
    const refused = await busy.get('/api/credit/records.xlsx');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect((await as('xc_admin').get('/api/credit/records.xlsx')).statusCode).toBe(200);
  });
});
