import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Agent } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { uploadFile } from '../../../test/helpers/journey.ts';
import { dueOn, isLate } from './due.ts';
import { beijingDay } from '../../shared/beijing-time.ts';

describe('the due date of a change report', () => {
  it.each([
    ['2026-03-15', '2026-04-15'],
    ['2026-01-31', '2026-02-28'],
    ['2028-01-31', '2028-02-29'],
    ['2028-01-29', '2028-02-29'],
    ['2026-03-31', '2026-04-30'],
    ['2026-05-31', '2026-06-30'],
    ['2026-12-31', '2027-01-31'],
    ['2026-12-15', '2027-01-15'],
    ['2028-02-29', '2028-03-29'],
  ])('%s is due %s (one calendar month, clamped to the month’s last day)', (effective, due) => expect(dueOn(effective)).toBe(due));

  it('counts days in Asia/Shanghai around midnight', () => {
    // 2026-04-15 23:59 in Shanghai is 15:59 UTC; a minute later it is the 16th there, still the 15th in UTC.
    expect(beijingDay(new Date('2026-04-15T15:59:00Z'))).toBe('2026-04-15');
    expect(beijingDay(new Date('2026-04-15T16:00:00Z'))).toBe('2026-04-16');
    expect(isLate('2026-04-15', new Date('2026-04-15T15:59:59Z'))).toBe(false);
    expect(isLate('2026-04-15', new Date('2026-04-15T16:00:00Z'))).toBe(true);
    expect(isLate('2026-04-15', new Date('2026-04-14T17:00:00Z'))).toBe(false);
  });
});

const SPACE_NAME = '沈阳智能机器人专业化众创空间';
const NEW_NAME = '沈阳智能机器人与智能制造专业化众创空间';
const daysAgo = (n: number) => beijingDay(new Date(Date.now() - n * 86_400_000));

let t: TestApp;
const as: Record<string, Agent> = {};
let spaceId: string;
let evidenceId: string;
const q = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => t.ctx.database.query<T>(sql, params);

/** What an outsider's refused request must leave as it was. */
const fingerprint = async () => ({
  reports: await q('select r.*, a.status, a.revision, a.stage_key from change_reports r join applications a on a.id = r.submission_id order by r.submission_id'),
  history: await q('select * from space_change_history order by id'),
  space: await q('select name, sub_field, revision from spaces where id = $1', [spaceId]),
  calls: await q(`select id from calls where kind = 'change_report' order by id`),
});

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  for (const u of ['op_robot_admin', 'op_univ_admin', 'sy_reviewer', 'dl_reviewer', 'ln_reviewer', 'ln_admin', 'js_reviewer']) as[u] = await signIn(t.app, u);
  const [space] = await q<{ id: string; operator_org_id: string }>(`select id, operator_org_id from spaces where name = $1`, [SPACE_NAME]);
  spaceId = space!.id;
  // The space was filed last year at the province (a filing application and its released list).
  const [call] = await q<{ id: string; authority_org_id: string }>(`select c.id, c.authority_org_id from calls c join chains ch on ch.id = c.chain_id where ch.key = 'liaoning_province' limit 1`);
  const [filing] = await q<{ id: string }>(
    `insert into applications (call_id, space_id, operator_org_id, kind, status, basic_info, stage_key, round, submitted_at)
     values ($1, $2, $3, 'filing', 'filed', $4, 'province_decision', 1, now()) returning id`,
    [call!.id, spaceId, space!.operator_org_id, JSON.stringify({ address: '沈阳市浑南区智慧大街 1 号', floorAreaM2: 1200, principalName: '王立新' })],
  );
  const [list] = await q<{ id: string }>(
    `insert into filing_lists (call_id, stage_key, authority_org_id, kind, level, title, document_number, issued_on) values ($1, 'province_decision', $2, 'filing', 'province', '往年备案名单', '辽科发〔2025〕1号', '2025-06-01') returning id`,
    [call!.id, call!.authority_org_id],
  );
  await q(`insert into filings (space_id, level, application_id, list_id) values ($1, 'province', $2, $3)`, [spaceId, filing!.id, list!.id]);
  evidenceId = (await uploadFile(as.op_robot_admin!, '工商变更登记通知书.pdf')).id;
});
afterAll(() => t.close());

const create = async () => {
  const res = await as.op_robot_admin!.post('/api/change-reports', { spaceId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; revision: number; status: string };
};
const save = (id: string, revision: number, extra: Record<string, unknown> = {}) =>
  as.op_robot_admin!.put(`/api/change-reports/${id}`, {
    revision,
    effectiveOn: daysAgo(40),
    explanation: '经股东会决议，空间更名并调整负责人。',
    items: [
      { field: 'name', after: NEW_NAME },
      { field: 'principal', after: '李明' },
    ],
    evidenceFileIds: [evidenceId],
    ...extra,
  });
const pass = (id: string) =>
  as.sy_reviewer!.post(`/api/review/applications/${id}/pass`, {
    stageKey: 'recommender_review',
    checklist: [
      { key: 'change_authentic', verdict: 'ok', note: '已核对工商变更登记' },
      { key: 'conditions_kept', verdict: 'ok', note: '变更后仍符合条件' },
    ],
    note: '同意报省级审批',
  });
async function decideAndRelease(id: string, outcome: 'approve' | 'reject') {
  const decided = await as.ln_reviewer!.post('/api/decisions', {
    applicationId: id,
    stageKey: 'province_approval',
    outcome,
    reason: outcome === 'approve' ? '同意变更' : '证明材料不足，不予变更',
    checklist: [{ key: 'decision_basis', verdict: 'ok', note: '依据充分' }],
  });
  expect(decided.statusCode, decided.body).toBe(201);
  const [{ call_id: callId }] = (await q<{ call_id: string }>('select call_id from applications where id = $1', [id])) as [{ call_id: string }];
  const released = await as.ln_admin!.post('/api/decisions/release', {
    callId,
    stageKey: 'province_approval',
    decisionIds: [decided.json().id],
    expectedCount: 1,
    title: '关于同意众创空间变更事项的批复',
    documentNumber: '辽科发〔2026〕88号',
    issuedOn: beijingDay(new Date()),
  });
  expect(released.statusCode, released.body).toBe(201);
  return decided.json().id as string;
}
let approvedDecision: string;

describe('a change report', () => {
  let id: string;

  it('prefills the record from the filing and the registry', async () => {
    const res = await as.op_robot_admin!.get(`/api/spaces/${spaceId}/changes`);
    expect(res.statusCode, res.body).toBe(200);
    const record = Object.fromEntries(res.json().record.map((r: { field: string; value: string }) => [r.field, r.value]));
    expect(record).toMatchObject({ name: SPACE_NAME, principal: '王立新', address_area: '沈阳市浑南区智慧大街 1 号；1200 平方米', sub_field: '工业机器人与智能制造' });
    expect(res.json().filed).toBe(true);
  });

  it('is drafted with the old values taken from the record, never from the filer', async () => {
    const draft = await create();
    id = draft.id;
    const saved = await save(id, draft.revision);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().items).toEqual([
      { field: 'name', before: SPACE_NAME, after: NEW_NAME },
      { field: 'principal', before: '王立新', after: '李明' },
    ]);
    expect(saved.json().dueOn).toBe(dueOn(daysAgo(40)));
    const unchanged = await save(id, saved.json().revision, { items: [{ field: 'sub_field', after: '工业机器人与智能制造' }] });
    expect(unchanged.statusCode).toBe(400);
    expect(unchanged.json().error.fields[0].field).toBe('body.items.0.after');
    const stale = await save(id, draft.revision);
    expect(stale.statusCode).toBe(409);
  });

  it('refuses outsiders on every endpoint and changes nothing', async () => {
    const before = await fingerprint();
    const { revision } = (await as.op_robot_admin!.get(`/api/change-reports/${id}`)).json();
    for (const who of ['op_univ_admin', 'dl_reviewer', 'sy_reviewer', 'js_reviewer']) {
      // Governing staff do not see a draft at all; another operator sees nothing of it.
      expect((await as[who]!.get(`/api/change-reports/${id}`)).statusCode, who).toBe(404);
      expect((await as[who]!.get(`/api/change-reports/${id}/files/${evidenceId}/download`)).statusCode, who).toBe(404);
      expect((await as[who]!.get(`/api/change-reports/${id}/files/${evidenceId}/preview`)).statusCode, who).toBe(404);
    }
    expect((await as.op_univ_admin!.put(`/api/change-reports/${id}`, { revision, items: [], evidenceFileIds: [] })).statusCode).toBe(404);
    expect((await as.op_univ_admin!.post(`/api/change-reports/${id}/submit`, { revision })).statusCode).toBe(404);
    expect((await as.op_univ_admin!.post('/api/change-reports', { spaceId })).statusCode).toBe(404);
    expect((await as.sy_reviewer!.post('/api/change-reports', { spaceId })).statusCode).toBe(403);
    expect((await as.sy_reviewer!.put(`/api/change-reports/${id}`, { revision, items: [], evidenceFileIds: [] })).statusCode).toBe(403);
    expect((await as.op_univ_admin!.get(`/api/spaces/${spaceId}/changes`)).statusCode).toBe(404);
    expect((await as.dl_reviewer!.get(`/api/spaces/${spaceId}/changes`)).statusCode).toBe(404);
    expect((await as.op_univ_admin!.get('/api/change-reports')).json().total).toBe(0);
    expect(await fingerprint()).toEqual(before);
  });

  it('is handed in late but accepted, and reaches the recommending unit within its jurisdiction only', async () => {
    const { revision } = (await as.op_robot_admin!.get(`/api/change-reports/${id}`)).json();
    const res = await as.op_robot_admin!.post(`/api/change-reports/${id}/submit`, { revision });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'submitted', late: true, stage: { key: 'recommender_review' } });
    const list = (await as.sy_reviewer!.get('/api/change-reports?late=true')).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await as.sy_reviewer!.get('/api/change-reports?late=false')).json().total).toBe(0);
    expect((await as.dl_reviewer!.get('/api/change-reports')).json().total).toBe(0);
    expect((await as.js_reviewer!.get('/api/change-reports')).json().total).toBe(0);
    expect((await as.dl_reviewer!.get(`/api/change-reports/${id}`)).statusCode).toBe(404);
    const todos = (await as.sy_reviewer!.get('/api/workbench')).json().todos as { kind: string; count: number; items: { id: string }[] }[];
    expect(todos.find((td) => td.kind === 'change_reports')).toMatchObject({ count: 1, items: [{ id }] });
    expect(todos.find((td) => td.kind === 'stage' && td.items.some((i) => i.id === id))).toBeTruthy();
    expect(((await as.dl_reviewer!.get('/api/workbench')).json().todos as { kind: string }[]).some((td) => td.kind === 'change_reports')).toBe(false);
    const { chains } = (await as.sy_reviewer!.get('/api/stages/mine?kind=review')).json() as { chains: { stages: { key: string }[] }[] };
    expect(chains.flatMap((c) => c.stages.map((s) => s.key))).toContain('recommender_review');
  });

  it('is returned, fixed and handed in again to the stage that returned it', async () => {
    const returned = await as.sy_reviewer!.post(`/api/review/applications/${id}/return`, {
      stageKey: 'recommender_review',
      note: '请补充负责人任命文件',
      itemComments: [{ field: 'items.principal', comment: '请上传任命文件' }],
      resubmitDueAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
    });
    expect(returned.statusCode, returned.body).toBe(200);
    const report = (await as.op_robot_admin!.get(`/api/change-reports/${id}`)).json();
    expect(report).toMatchObject({ status: 'returned', abilities: { edit: true, submit: true } });
    const second = (await uploadFile(as.op_robot_admin!, '负责人任命文件.pdf')).id;
    const saved = await save(id, report.revision, { evidenceFileIds: [evidenceId, second] });
    expect(saved.statusCode, saved.body).toBe(200);
    const again = await as.op_robot_admin!.post(`/api/change-reports/${id}/submit`, { revision: saved.json().revision });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ status: 'in_review', round: 2, late: true, stage: { key: 'recommender_review' } });
    // Both sides see what the second round changed: only the evidence, one file added.
    const seen = (await as.sy_reviewer!.get(`/api/change-reports/${id}`)).json();
    expect(seen.rounds.map((r: { round: number }) => r.round)).toEqual([1, 2]);
    expect(seen.diffs).toHaveLength(1);
    expect(seen.diffs[0]).toMatchObject({ fromRound: 1, toRound: 2 });
    expect(seen.diffs[0].changes.map((c: { field: string }) => c.field)).toEqual(['evidence']);
    const [evidence] = seen.diffs[0].changes as { before: string[]; after: string[] }[];
    expect(evidence!.after).toEqual([...evidence!.before, '负责人任命文件.pdf'].sort());
    expect((await as.op_robot_admin!.get(`/api/change-reports/${id}`)).json().diffs).toEqual(seen.diffs);
  });

  it('applies the changes to the record on the province’s released approval, keeping the history', async () => {
    expect((await pass(id)).statusCode).toBe(200);
    expect((await as.op_robot_admin!.get(`/api/change-reports/${id}`)).json().stage.key).toBe('province_approval');
    // Nothing changes before the approval is released, on the record or on the public directory's page.
    const publicName = async () => (await t.app.inject({ method: 'GET', url: `/api/portal/spaces/${spaceId}` })).json().name;
    expect((await q<{ name: string }>('select name from spaces where id = $1', [spaceId]))[0]!.name).toBe(SPACE_NAME);
    expect(await publicName()).toBe(SPACE_NAME);
    approvedDecision = await decideAndRelease(id, 'approve');
    expect((await as.op_robot_admin!.get(`/api/change-reports/${id}`)).json().status).toBe('filed');
    // The operator is told in the words of a change report, not of a filing.
    const told = await q<{ body: string }>('select body from notifications where link = $1', [`/app/changes/${id}`]);
    expect(told.some((n) => n.body.endsWith('准予变更'))).toBe(true);
    expect(told.some((n) => n.body.includes('备案'))).toBe(false);
    expect((await q<{ name: string }>('select name from spaces where id = $1', [spaceId]))[0]!.name).toBe(NEW_NAME);
    expect(await publicName()).toBe(NEW_NAME);
    const changes = (await as.ln_reviewer!.get(`/api/spaces/${spaceId}/changes`)).json();
    const record = Object.fromEntries(changes.record.map((r: { field: string; value: string }) => [r.field, r.value]));
    expect(record).toMatchObject({ name: NEW_NAME, principal: '李明' });
    expect(changes.history.map((h: { field: string; before: string; after: string }) => [h.field, h.before, h.after])).toEqual([
      ['name', SPACE_NAME, NEW_NAME],
      ['principal', '王立新', '李明'],
    ]);
    const audited = await q<{ action: string }>(`select action from audit_log where object_id = $1 and action like 'change_report.%' order by id`, [id]);
    expect(audited.map((a) => a.action)).toContain('change_report.applied');
  });

  it('leaves the record unchanged when the province rejects a change', async () => {
    const draft = await create();
    const saved = await save(draft.id, draft.revision, { effectiveOn: daysAgo(3), items: [{ field: 'sub_field', after: '服务机器人' }] });
    expect(saved.statusCode, saved.body).toBe(200);
    const submitted = await as.op_robot_admin!.post(`/api/change-reports/${draft.id}/submit`, { revision: saved.json().revision });
    expect(submitted.json()).toMatchObject({ late: false });
    const before = await q('select name, sub_field from spaces where id = $1', [spaceId]);
    const history = await q('select * from space_change_history order by id');
    expect((await pass(draft.id)).statusCode).toBe(200);
    await decideAndRelease(draft.id, 'reject');
    expect((await q<{ body: string }>('select body from notifications where link = $1', [`/app/changes/${draft.id}`])).some((n) => n.body.endsWith('不予变更：证明材料不足，不予变更'))).toBe(true);
    expect((await as.op_robot_admin!.get(`/api/change-reports/${draft.id}`)).json().status).toBe('rejected');
    expect(await q('select name, sub_field from spaces where id = $1', [spaceId])).toEqual(before);
    expect(await q('select * from space_change_history order by id')).toEqual(history);
    // Both reports ran in the province's one standing call.
    expect((await q(`select id from calls where kind = 'change_report'`)).length).toBe(1);
  });

  it('lists, filters and sorts an operator’s reports', async () => {
    const mine = (await as.op_robot_admin!.get('/api/change-reports?sort=dueOn&order=asc')).json();
    expect(mine.total).toBe(2);
    expect(mine.items[0].late).toBe(true);
    expect((await as.op_robot_admin!.get('/api/change-reports?status=rejected')).json().total).toBe(1);
    expect((await as.op_robot_admin!.get('/api/change-reports?overdue=true')).json().total).toBe(0);
  });

  it('is undone when the province reverses the approval: history revoked, the registry’s old values back', async () => {
    const reversed = await as.ln_admin!.post(`/api/decisions/${approvedDecision}/reverse`, { reason: '经复核，变更依据不足' });
    expect(reversed.statusCode, reversed.body).toBe(200);
    expect((await q<{ name: string }>('select name from spaces where id = $1', [spaceId]))[0]!.name).toBe(SPACE_NAME);
    const changes = (await as.op_robot_admin!.get(`/api/spaces/${spaceId}/changes`)).json();
    const record = Object.fromEntries(changes.record.map((r: { field: string; value: string }) => [r.field, r.value]));
    expect(record).toMatchObject({ name: SPACE_NAME, principal: '王立新' });
    expect(changes.history.every((h: { revokedReason: string | null }) => h.revokedReason === '经复核，变更依据不足')).toBe(true);
  });
});
