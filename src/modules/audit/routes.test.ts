import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import ExcelJS from 'exceljs';
import { statementProbe } from '../../db/client.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { submitDemoApplication } from '../../../test/helpers/journey.ts';
import { AUDIT_ACTIONS } from './actions.ts';

/** The audit log API: the audit admin alone reads and verifies it, and every read is itself recorded. */
let t: TestApp;
let auditor: Agent;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  // A few recognisable rows: two failed sign-ins by one user, one success by another.
  for (let i = 0; i < 2; i++) await expect(signIn(t.app, 'nj_reviewer', 'not-the-password')).rejects.toThrow();
  await signIn(t.app, 'nj_admin');
  auditor = await signIn(t.app, 'auditadmin');
});
afterAll(() => t.close());

const auditCount = async () => (await t.ctx.database.query<{ n: number }>('select count(*)::int as n from audit_log'))[0]!.n;
const lastRow = async () =>
  (await t.ctx.database.query<{ action: string; actor_username: string; request_id: string; detail: Record<string, unknown> }>(
    'select action, actor_username, request_id, detail from audit_log order by id desc limit 1',
  ))[0]!;

describe('GET /api/audit', () => {
  it('gives the audit admin a page of the log, newest first, without hashes or user ids', async () => {
    const res = await auditor.get('/api/audit');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ page: 1, pageSize: 20 });
    expect(body.total).toBeGreaterThan(40);
    expect(body.items).toHaveLength(20);
    const ids = body.items.map((i: { id: number }) => i.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(Object.keys(body.items[0]).sort()).toEqual(
      ['action', 'actionName', 'actorName', 'actorOrgId', 'actorUsername', 'at', 'detail', 'id', 'ip', 'objectId', 'objectName', 'objectType', 'objectTypeName', 'requestId', 'result'].sort(),
    );
    expect(new Date(body.items[0].at).toISOString()).toBe(body.items[0].at);
  });

  it('records each read in the log, with the filter used', async () => {
    const res = await auditor.get('/api/audit?action=auth.login&page=2&pageSize=3');
    expect(res.statusCode).toBe(200);
    const row = await lastRow();
    expect(row).toMatchObject({ action: 'audit.read', actor_username: 'auditadmin', detail: { action: 'auth.login', page: 2, pageSize: 3 } });
    expect(row.request_id).toBeTruthy();
  });

  it('filters by action, actor, result and time, and pages', async () => {
    const failures = (await auditor.get('/api/audit?action=auth.login&actor=nj_reviewer&result=failure')).json();
    expect(failures.total).toBe(2);
    expect(failures.items.every((i: { action: string; actorUsername: string; result: string }) => i.action === 'auth.login' && i.actorUsername === 'nj_reviewer' && i.result === 'failure')).toBe(true);

    // Reads add rows of their own, so page through a filter they do not match.
    const ids = async (query: string) => (await auditor.get(`/api/audit?action=auth.login&${query}`)).json().items.map((i: { id: number }) => i.id);
    const firstFour = await ids('pageSize=4');
    expect(firstFour).toHaveLength(4);
    expect([...(await ids('pageSize=2&page=1')), ...(await ids('pageSize=2&page=2'))]).toEqual(firstFour);

    const all = (await auditor.get('/api/audit?pageSize=100')).json();
    const oldest = all.items.at(-1);
    const upTo = (await auditor.get(`/api/audit?to=${encodeURIComponent(oldest.at)}&pageSize=100`)).json();
    expect(upTo.items.every((i: { at: string }) => i.at <= oldest.at)).toBe(true);
    expect(upTo.items.map((i: { id: number }) => i.id)).toContain(oldest.id);
    const future = (await auditor.get(`/api/audit?from=${encodeURIComponent('2999-01-01T00:00:00+08:00')}`)).json();
    expect(future).toMatchObject({ items: [], total: 0, totalCapped: false });
  });

  it('counts at most 10,000 matching rows: beyond that the page says 10000+ (totalCapped), exact below', async () => {
    await t.ctx.database.query(`insert into audit_log (at, action, actor_username, result) select now() - g * interval '1 second', 'test.many', 'bulk_' || (g % 2), 'success' from generate_series(1, 10001) g`);
    const many = (await auditor.get('/api/audit?action=test.many&pageSize=5')).json();
    expect(many).toMatchObject({ total: 10000, totalCapped: true });
    expect(many.items).toHaveLength(5);
    // Newest first through the (action, at desc, id desc) index; the last page within the cap still reads.
    expect(many.items.map((i: { at: string }) => i.at)).toEqual(many.items.map((i: { at: string }) => i.at).sort().reverse());
    expect((await auditor.get('/api/audit?action=test.many&pageSize=100&page=100')).json().items).toHaveLength(100);
    expect(await lastRow()).toMatchObject({ action: 'audit.read', detail: { action: 'test.many', total: 10000, totalCapped: true } });
    const half = (await auditor.get('/api/audit?action=test.many&actor=bulk_1')).json();
    expect(half).toMatchObject({ total: 5001, totalCapped: false });
  });

  it('names the field when the query is wrong, and refuses unknown fields', async () => {
    const cases: [string, string][] = [
      ['/api/audit?result=maybe', 'querystring.result'],
      ['/api/audit?pageSize=1000', 'querystring.pageSize'],
      ['/api/audit?from=yesterday', 'querystring.from'],
      ['/api/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'querystring.to'],
      ['/api/audit?sort=id', 'querystring.sort'],
      ['/api/audit?action=登录', 'querystring.action'],
      ['/api/audit?objectType=planet', 'querystring.objectType'],
      ['/api/audit/export.xlsx?result=maybe', 'querystring.result'],
      ['/api/audit/export.xlsx?page=2', 'querystring.page'],
    ];
    for (const [url, field] of cases) {
      const res = await auditor.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.fields.map((f: { field: string }) => f.field), url).toContain(field);
    }
  });
});

describe('GET /api/audit/verify', () => {
  it('reports an intact chain and records the check', async () => {
    const before = await auditCount();
    const res = await auditor.get('/api/audit/verify');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, checked: before });
    expect(await lastRow()).toMatchObject({ action: 'audit.verify', actor_username: 'auditadmin', detail: { ok: true, checked: before } });
  });

  it('goes on from where the previous request stopped with resume=true', async () => {
    const res = await auditor.get('/api/audit/verify?resume=true');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ ok: true, from: expect.any(Number) });
    expect(body.progress).toBeUndefined();
    // Only the rows written since the last check: its own record of that check, at least.
    expect(body.checked).toBeGreaterThan(0);
    expect(body.checked).toBeLessThan(body.from);
    const bad = await auditor.get('/api/audit/verify?resume=maybe');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { field: string }) => f.field)).toContain('querystring.resume');
  });
});

describe('everyone but the audit admin is refused', () => {
  it.each(['sysadmin', 'secadmin', 'most_reviewer', 'op_robot_admin'])('%s gets 403; only the refusal is recorded', async (username) => {
    const agent = await signIn(t.app, username);
    const before = await auditCount();
    for (const url of ['/api/audit', '/api/audit/verify', '/api/audit?action=auth.login', '/api/audit/actions', '/api/audit/export.xlsx']) {
      const res = await agent.get(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    const added = await t.ctx.database.query<{ action: string; result: string; object_id: string }>(
      'select action, result, object_id from audit_log order by id desc limit 5',
    );
    // Only the refusals: no read or export of the log was recorded for them.
    expect(await auditCount()).toBe(before + 5);
    expect(added.map((r) => [r.action, r.result])).toEqual(Array(5).fill(['access.denied', 'denied']));
    expect(added.map((r) => r.object_id)).toContain('GET /api/audit/verify');
  });

  it('an anonymous caller gets 401 and nothing is recorded', async () => {
    const before = await auditCount();
    const anon = new Agent(t.app);
    for (const url of ['/api/audit', '/api/audit/verify', '/api/audit/actions', '/api/audit/export.xlsx']) expect((await anon.get(url)).statusCode).toBe(401);
    expect(await auditCount()).toBe(before);
  });
});

describe('a readable log', () => {
  it('names actions in Chinese and English and objects by name', async () => {
    const page = (await auditor.get('/api/audit?action=auth.login&actor=nj_admin')).json();
    expect(page.items[0]).toMatchObject({
      action: 'auth.login',
      actionName: { zh: '登录', en: 'sign in' },
      objectType: 'user',
      objectTypeName: { zh: '账号', en: 'account' },
      objectName: expect.stringMatching(/（nj_admin）$/),
      actorName: expect.any(String),
    });
  });

  it('names an application by its space and call, and filters by object', async () => {
    const { id: applicationId } = await submitDemoApplication(t, 'liaoning_province');
    const [names] = await t.ctx.database.query<{ space: string; call: string }>(
      'select s.name as space, c.title as call from applications a join spaces s on s.id = a.space_id join calls c on c.id = a.call_id where a.id = $1',
      [applicationId],
    );
    const page = (await auditor.get(`/api/audit?objectType=application&objectId=${applicationId}&action=application.submit`)).json();
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ actionName: { zh: '申请提交' }, objectName: `${names!.space} · ${names!.call}` });
  });

  it('names every kind of object it knows in one statement per page, whatever the page holds', async () => {
    // One row about an object of each kind the demo holds, written as any writer would.
    const kinds = await t.ctx.database.query<{ type: string; id: string; name: string }>(`
      select 'organisation' as type, id::text, name from organisations where name is not null
      union all select 'call', id::text, title from calls
      union all select 'chain', id::text, name from chains
      union all select 'rule_set', id::text, title from rule_sets
      union all select 'space', id::text, name from spaces`);
    const one = new Map(kinds.map((k) => [k.type, k]));
    expect(one.size).toBe(5);
    for (const k of one.values())
      await t.ctx.database.query(`insert into audit_log (at, action, object_type, object_id, result) values (now(), 'test.naming', $1, $2, 'success')`, [k.type, k.id]);
    const read = (size: number) => statementProbe.count(() => auditor.get(`/api/audit?action=test.naming&pageSize=${size}`));
    const small = await read(1);
    const large = await read(5);
    expect(large.statements).toBe(small.statements);
    const items = large.result.json().items as { objectType: string; objectName: string; actionName: unknown }[];
    for (const item of items) expect(item.objectName, item.objectType).toBe(one.get(item.objectType)!.name);
    // A code nobody catalogued is shown as itself.
    expect(items[0]!.actionName).toBeNull();
  });

  it('offers the catalogue as the action filter\'s choices', async () => {
    const body = (await auditor.get('/api/audit/actions')).json();
    expect(body.actions).toHaveLength(Object.keys(AUDIT_ACTIONS).length);
    expect(body.actions).toContainEqual({ code: 'auth.login', zh: '登录', en: 'sign in' });
    expect(body.objectTypes).toContainEqual({ code: 'user', zh: '账号', en: 'account' });
  });
});

describe('GET /api/audit/export.xlsx', () => {
  it('exports the filtered rows as a workbook with the filter written above, and records the export', async () => {
    const res = await auditor.get('/api/audit/export.xlsx?action=auth.login&result=failure');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('审计日志'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('审计日志')!;
    expect(String(sheet.getCell('A2').value)).toContain('操作：登录');
    expect(String(sheet.getCell('A2').value)).toContain('结果：失败');
    expect(sheet.getRow(4).values).toContain('操作');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    const data = sheet.getRows(5, sheet.rowCount - 4)!;
    const total = (await t.ctx.database.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'auth.login' and result = 'failure'`))[0]!.n;
    expect(data).toHaveLength(total);
    expect(data.every((r) => r.getCell(4).value === '登录' && r.getCell(8).value === '失败')).toBe(true);
    expect(await lastRow()).toMatchObject({ action: 'audit.export', actor_username: 'auditadmin', detail: { action: 'auth.login', result: 'failure', total, rows: total } });
  });
});
