import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Agent } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { stageOf } from '../../shared/chains.ts';
import { transitionInTx } from '../workflow/index.ts';
import { SYSTEM_CONTEXT } from '../audit/service.ts';
import { applicationAtStage } from '../../../test/helpers/journey.ts';
import { mobilesIn } from '../../../test/helpers/redaction.ts';

let t: TestApp;
const as: Record<string, Agent> = {};
const USERS = [
  'xc_admin', 'xc_reviewer', 'cg_admin', 'yz_admin', 'ln_admin', 'ln_reviewer', 'sy_admin', 'js_admin', 'js_reviewer', 'nj_admin',
  'most_admin', 'most_reviewer', 'op_cg_admin', 'op_univ_admin', 'expert_wang', 'js_intake',
];

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  for (const u of USERS) as[u] = await signIn(t.app, u);
});
afterAll(() => t.close());

const DECIDED = [{ key: 'decision_basis', verdict: 'ok', note: '经审核材料真实、条件符合' }];
const approve = (applicationId: string, stageKey: string, reason = '符合备案条件') => ({ applicationId, stageKey, outcome: 'approve', reason, checklist: DECIDED });
const reject = (applicationId: string, stageKey: string, reason: string) => ({ applicationId, stageKey, outcome: 'reject', reason, checklist: DECIDED });

let docNo = 0;
const releaseBody = (callId: string, stageKey: string, decisionIds: string[], extra: Record<string, unknown> = {}) => {
  docNo += 1;
  return { callId, stageKey, decisionIds, expectedCount: decisionIds.length, title: `备案名单（第${docNo}批）`, documentNumber: `许科〔2026〕${docNo}号`, issuedOn: '2026-11-20', ...extra };
};

async function record(agent: Agent, body: unknown): Promise<string> {
  const res = await agent.post('/api/decisions', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function release(agent: Agent, body: unknown) {
  const res = await agent.post('/api/decisions/release', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => t.ctx.database.query<T>(sql, params);
const appRow = async (id: string) => (await q<{ status: string; stage_key: string }>(`select status, stage_key from applications where id = $1`, [id]))[0]!;
const filingsOf = (id: string) => q<{ status: string; level: string; cancelled_reason: string | null }>(`select status, level, cancelled_reason from filings where application_id = $1 order by filed_at`, [id]);
/** The notices the applicant's people got with `title` about `space`, per person. */
const notices = async (space: string, titleLike: string) =>
  (await q<{ n: number }>(`select count(*)::int as n from notifications where title like $1 and body like $2 group by user_id`, [titleLike, `%${space}%`])).map((r) => r.n);

/** Everything a decision endpoint could change. */
async function fingerprint() {
  const digest = (table: string) => `(select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) from ${table} t) as ${table}`;
  const [row] = await q(
    `select ${['decisions', 'filing_lists', 'filing_list_entries', 'filings', 'applications', 'application_events', 'notifications'].map(digest).join(', ')},
      (select count(*)::int from audit_log where action <> 'access.denied') as audit_rows`,
  );
  return row;
}

describe('decisions at the final stage (许昌 city_decision)', () => {
  it('records, lists, releases as a 备案名单: filed, a city filing, a public list and a notice', async () => {
    const a = await applicationAtStage(t, 'xuchang_city', 'city_decision');
    const b = await applicationAtStage(t, 'xuchang_city', 'city_decision');
    const cands = await as.xc_reviewer!.get(`/api/decisions/candidates?callId=${a.callId}&stageKey=city_decision`);
    expect(cands.statusCode, cands.body).toBe(200);
    expect(cands.json().stage).toMatchObject({ key: 'city_decision', final: true, checklist: [{ key: 'decision_basis' }] });
    expect(cands.json().items.map((i: { applicationId: string }) => i.applicationId)).toEqual(expect.arrayContaining([a.id, b.id]));

    const da = await record(as.xc_reviewer!, approve(a.id, 'city_decision'));
    const db = await record(as.xc_reviewer!, reject(b.id, 'city_decision', '场地面积不足'));
    const again = await as.xc_admin!.post('/api/decisions', approve(a.id, 'city_decision'));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('已有待发布的审定意见');
    const edited = await as.xc_reviewer!.put(`/api/decisions/${db}`, { outcome: 'reject', reason: '场地面积不足 500 平方米', checklist: DECIDED });
    expect(edited.statusCode, edited.body).toBe(200);
    const after = (await as.xc_reviewer!.get(`/api/decisions/candidates?callId=${a.callId}&stageKey=city_decision`)).json().items;
    expect(after.find((i: { applicationId: string }) => i.applicationId === b.id).decision).toMatchObject({ id: db, outcome: 'reject', reason: '场地面积不足 500 平方米', status: 'pending' });
    const pending = (await as.xc_admin!.get(`/api/decisions?callId=${a.callId}&stageKey=city_decision&status=pending`)).json().items;
    expect(pending.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining([da, db]));

    const list = await release(as.xc_admin!, releaseBody(a.callId, 'city_decision', [da, db], { title: '许昌市2026年第一批众创空间备案名单', documentNumber: '许科〔2026〕15号' }));
    expect(list).toMatchObject({ kind: 'filing', level: 'city', documentNumber: '许科〔2026〕15号', issuedOn: '2026-11-20', authority: expect.stringContaining('许昌') });
    expect(list.entries).toEqual([expect.objectContaining({ spaceName: a.spaceName, operatorName: a.operatorName, status: 'listed', regionName: expect.stringContaining('长葛') })]);
    expect(await appRow(a.id)).toMatchObject({ status: 'filed', stage_key: 'city_decision' });
    expect(await appRow(b.id)).toMatchObject({ status: 'rejected' });
    expect(await filingsOf(a.id)).toEqual([{ status: 'active', level: 'city', cancelled_reason: null }]);
    expect(await filingsOf(b.id)).toEqual([]);
    expect(await notices(a.spaceName, '%结果已发布')).toEqual([1, 1]);
    expect((await q<{ body: string }>(`select body from notifications where body like $1 limit 1`, [`%${b.spaceName}%不予备案：场地面积不足 500 平方米%`])).length).toBe(1);

    const released = (await as.xc_admin!.get(`/api/decisions?callId=${a.callId}&stageKey=city_decision&status=released`)).json().items;
    expect(released.find((d: { id: string }) => d.id === da)).toMatchObject({ status: 'released', listId: list.id });
    // Released decisions are neither editable nor withdrawable.
    expect((await as.xc_admin!.put(`/api/decisions/${da}`, { outcome: 'reject', reason: 'x', checklist: DECIDED })).statusCode).toBe(409);
    expect((await as.xc_admin!.delete(`/api/decisions/${da}`)).statusCode).toBe(409);

    // Public: the list and the space's filings on its page.
    const pub = await new (await import('../../../test/helpers/agent.ts')).Agent(t.app).get(`/api/public/filing-lists/${list.id}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json().entries).toHaveLength(1);
    const index = (await as.op_cg_admin!.get('/api/public/filing-lists?level=city')).json();
    expect(index.items[0]).toMatchObject({ id: list.id, entryCount: 1 });
    const filings = await as.op_cg_admin!.get(`/api/filings?spaceId=${a.spaceId}`);
    expect(filings.statusCode).toBe(200);
    expect(filings.json().items).toEqual([expect.objectContaining({ level: 'city', status: 'active', list: expect.objectContaining({ documentNumber: '许科〔2026〕15号' }) })]);
    expect((await as.xc_reviewer!.get(`/api/filings?spaceId=${a.spaceId}`)).statusCode).toBe(200);
    expect((await as.sy_admin!.get(`/api/filings?spaceId=${a.spaceId}`)).statusCode).toBe(404);
    expect((await as.op_univ_admin!.get(`/api/filings?spaceId=${a.spaceId}`)).statusCode).toBe(404);
  });

  it('withdraws a pending decision', async () => {
    const a = await applicationAtStage(t, 'xuchang_city', 'city_decision');
    const id = await record(as.xc_reviewer!, approve(a.id, 'city_decision'));
    expect((await as.xc_reviewer!.delete(`/api/decisions/${id}`)).statusCode).toBe(204);
    expect(await q(`select 1 from decisions where id = $1`, [id])).toEqual([]);
    await record(as.xc_reviewer!, approve(a.id, 'city_decision'));
  });

  it('refuses bad input naming the field', async () => {
    const a = await applicationAtStage(t, 'xuchang_city', 'city_decision');
    const bad = async (body: unknown, field: string) => {
      const res = await as.xc_reviewer!.post('/api/decisions', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(JSON.stringify(res.json().error.fields)).toContain(field);
    };
    await bad({ ...approve(a.id, 'city_decision'), checklist: [] }, 'body.checklist');
    await bad({ ...approve(a.id, 'city_decision'), checklist: [{ key: 'decision_basis', verdict: 'ok', note: '  ' }] }, 'body.checklist.0.note');
    await bad({ ...approve(a.id, 'city_decision'), checklist: [...DECIDED, { key: 'other', verdict: 'ok', note: 'x' }] }, 'body.checklist.1.key');
    await bad({ ...approve(a.id, 'city_decision'), outcome: 'maybe' }, 'body.outcome');
    await bad({ ...approve(a.id, 'city_decision'), reason: '' }, 'body.reason');
    await bad({ ...approve(a.id, 'city_decision'), extra: 1 }, 'body');
    const id = await record(as.xc_reviewer!, approve(a.id, 'city_decision'));
    const rel = async (body: Record<string, unknown>, field: string) => {
      const res = await as.xc_admin!.post('/api/decisions/release', { ...releaseBody(a.callId, 'city_decision', [id]), ...body });
      expect(res.statusCode, res.body).toBe(400);
      expect(JSON.stringify(res.json().error.fields)).toContain(field);
    };
    await rel({ expectedCount: 2 }, 'body.expectedCount');
    await rel({ documentNumber: '15号' }, 'body.documentNumber');
    await rel({ issuedOn: '2026-13-40' }, 'body.issuedOn');
    await rel({ decisionIds: [] }, 'body.decisionIds');
    await rel({ stageKey: 'city_review' }, 'body.stageKey');
    expect((await as.xc_admin!.post(`/api/decisions/${id}/reverse`, { reason: '' })).statusCode).toBe(400);
    const notAt = await as.xc_reviewer!.post('/api/decisions', approve((await applicationAtStage(t, 'xuchang_city', 'city_review')).id, 'city_decision'));
    expect(notAt.statusCode).toBe(409);
    expect(notAt.json().error.message).toContain('市级审定备案');
    // A pending decision cannot be reversed.
    expect((await as.xc_admin!.post(`/api/decisions/${id}/reverse`, { reason: '更正' })).statusCode).toBe(409);
  });

  it('refuses a second active filing of the same space at the same level, naming it, and changes nothing', async () => {
    const a = await applicationAtStage(t, 'xuchang_city', 'city_decision');
    const other = await applicationAtStage(t, 'xuchang_city', 'city_decision');
    const [list] = await q<{ id: string }>(
      `insert into filing_lists (call_id, stage_key, authority_org_id, kind, level, title, document_number, issued_on)
       select call_id, 'city_decision', (select authority_org_id from calls where id = call_id), 'filing', 'city', '往年名单', '许科〔2024〕3号', '2024-06-01' from applications where id = $1 returning id`,
      [a.id],
    );
    await q(`insert into filings (space_id, level, application_id, list_id) values ($1, 'city', $2, $3)`, [a.spaceId, other.id, list!.id]);
    const id = await record(as.xc_reviewer!, approve(a.id, 'city_decision'));
    const before = await fingerprint();
    const res = await as.xc_admin!.post('/api/decisions/release', releaseBody(a.callId, 'city_decision', [id]));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain(a.spaceName);
    expect(await fingerprint()).toEqual(before);
  });

  it('of two concurrent releases of the same decisions exactly one wins', async () => {
    const a = await applicationAtStage(t, 'xuchang_city', 'city_decision');
    const id = await record(as.xc_reviewer!, approve(a.id, 'city_decision'));
    const body = releaseBody(a.callId, 'city_decision', [id]);
    const results = await Promise.all([as.xc_admin!.post('/api/decisions/release', body), as.xc_admin!.post('/api/decisions/release', { ...body, documentNumber: '许科〔2026〕99号' })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await q(`select 1 from filing_lists where id in (select list_id from decisions where id = $1)`, [id])).toHaveLength(1);
    expect(await q(`select 1 from filing_lists where document_number = '许科〔2026〕99号' or document_number = $1`, [body.documentNumber])).toHaveLength(1);
    expect(await filingsOf(a.id)).toHaveLength(1);
  });
});

describe('reversal', () => {
  it('approve → reject → approve at the final stage: one notice each, one entry, the public list current', async () => {
    const a = await applicationAtStage(t, 'xuchang_city', 'city_decision');
    const id = await record(as.xc_reviewer!, approve(a.id, 'city_decision'));
    const list = await release(as.xc_admin!, releaseBody(a.callId, 'city_decision', [id]));
    expect((await as.xc_reviewer!.post(`/api/decisions/${id}/reverse`, { reason: '材料造假' })).statusCode).toBe(403);

    const rev = await as.xc_admin!.post(`/api/decisions/${id}/reverse`, { reason: '场地租赁合同已到期' });
    expect(rev.statusCode, rev.body).toBe(200);
    expect(rev.json()).toMatchObject({ outcome: 'reject', status: 'released', listId: list.id, reason: '场地租赁合同已到期' });
    expect((await q(`select status, superseded_by from decisions where id = $1`, [id]))[0]).toEqual({ status: 'superseded', superseded_by: rev.json().id });
    expect(await appRow(a.id)).toMatchObject({ status: 'rejected' });
    expect(await filingsOf(a.id)).toEqual([{ status: 'cancelled', level: 'city', cancelled_reason: '场地租赁合同已到期' }]);
    let pub = (await as.op_cg_admin!.get(`/api/public/filing-lists/${list.id}`)).json();
    expect(pub.entries).toEqual([expect.objectContaining({ spaceName: a.spaceName, status: 'removed', removedReason: '场地租赁合同已到期' })]);
    expect(await notices(a.spaceName, '审定结果已更正')).toEqual([1, 1]);
    // The superseded decision cannot be reversed again; its successor can.
    expect((await as.xc_admin!.post(`/api/decisions/${id}/reverse`, { reason: '再次' })).statusCode).toBe(409);

    const back = await as.xc_admin!.post(`/api/decisions/${rev.json().id}/reverse`, { reason: '经复核租赁合同已续签' });
    expect(back.statusCode, back.body).toBe(200);
    expect(await appRow(a.id)).toMatchObject({ status: 'filed' });
    expect((await filingsOf(a.id)).map((f) => f.status)).toEqual(['cancelled', 'active']);
    pub = (await as.op_cg_admin!.get(`/api/public/filing-lists/${list.id}`)).json();
    expect(pub.entries).toEqual([expect.objectContaining({ spaceName: a.spaceName, status: 'listed', removedReason: null })]);
    expect(await notices(a.spaceName, '审定结果已更正')).toEqual([2, 2]);
    expect((await q<{ action: string }>(`select action from audit_log where action = 'decision.reverse' and detail->>'applicationId' = $1`, [a.id])).length).toBe(2);
  });

  it('reject → approve at the final stage adds the space to the list it was rejected in', async () => {
    const a = await applicationAtStage(t, 'xuchang_city', 'city_decision');
    const id = await record(as.xc_reviewer!, reject(a.id, 'city_decision', '条件不符'));
    const list = await release(as.xc_admin!, releaseBody(a.callId, 'city_decision', [id]));
    expect(list.entries).toEqual([]);
    const rev = await as.xc_admin!.post(`/api/decisions/${id}/reverse`, { reason: '复核后符合条件' });
    expect(rev.statusCode, rev.body).toBe(200);
    expect(await appRow(a.id)).toMatchObject({ status: 'filed' });
    expect((await as.op_cg_admin!.get(`/api/public/filing-lists/${list.id}`)).json().entries).toEqual([expect.objectContaining({ spaceName: a.spaceName, status: 'listed' })]);
    expect(await notices(a.spaceName, '审定结果已更正')).toEqual([1, 1]);
  });
});

describe('selection (江苏 province_selection) and the national decision', () => {
  it('advances approvals to national_review on a 推荐名单, then files them nationally', async () => {
    const a = await applicationAtStage(t, 'jiangsu_national', 'province_selection');
    const cands = (await as.js_reviewer!.get(`/api/decisions/candidates?callId=${a.callId}&stageKey=province_selection`)).json();
    expect(cands.stage.final).toBe(false);
    const id = await record(as.js_reviewer!, approve(a.id, 'province_selection'));
    const rec = await release(as.js_admin!, { ...releaseBody(a.callId, 'province_selection', [id]), documentNumber: '苏科高〔2026〕8号', title: '江苏省2026年国家专业化众创空间推荐名单' });
    expect(rec).toMatchObject({ kind: 'recommendation', level: 'province' });
    expect(await appRow(a.id)).toMatchObject({ status: 'in_review', stage_key: 'national_review' });
    expect(await notices(a.spaceName, '%入选推荐名单%')).toEqual([]);
    expect((await q(`select 1 from notifications where body like $1 and body like '%入选推荐名单%'`, [`%${a.spaceName}%`])).length).toBe(2);
    const most = await q<{ username: string }>(
      `select u.username from notifications n join users u on u.id = n.user_id where n.title like '%科技部审核%' and n.body like $1`,
      [`%${a.spaceName}%`],
    );
    expect(most.map((m) => m.username).sort()).toEqual(['most_admin', 'most_reviewer']);
    expect(await filingsOf(a.id)).toEqual([]);

    await t.ctx.db.transaction((tx) => transitionInTx(tx, SYSTEM_CONTEXT, null, a.id, { action: 'advance', atStage: 'national_review', enterStage: stageOf('jiangsu_national', 'national_decision')! }));
    // The province works no national stage.
    expect((await as.js_admin!.get(`/api/decisions/candidates?callId=${a.callId}&stageKey=national_decision`)).statusCode).toBe(404);
    const nid = await record(as.most_reviewer!, approve(a.id, 'national_decision'));
    const nat = await release(as.most_admin!, { ...releaseBody(a.callId, 'national_decision', [nid]), documentNumber: '国科火字〔2026〕101号', title: '第一批国家专业化众创空间备案名单' });
    expect(nat).toMatchObject({ kind: 'filing', level: 'national', authority: '中华人民共和国科学技术部' });
    expect(await appRow(a.id)).toMatchObject({ status: 'filed', stage_key: 'national_decision' });
    expect(await filingsOf(a.id)).toEqual([{ status: 'active', level: 'national', cancelled_reason: null }]);
    expect((await as.op_univ_admin!.get('/api/public/filing-lists?level=national')).json().items[0]).toMatchObject({ id: nat.id });

    // The selection can no longer be reversed once the application moved past the next stage.
    const late = await as.js_admin!.post(`/api/decisions/${id}/reverse`, { reason: '撤回推荐' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain('已备案');
  });

  it('reverses a selection both ways while the application waits at national_review', async () => {
    const a = await applicationAtStage(t, 'jiangsu_national', 'province_selection');
    const id = await record(as.js_reviewer!, approve(a.id, 'province_selection'));
    const rec = await release(as.js_admin!, { ...releaseBody(a.callId, 'province_selection', [id]), documentNumber: '苏科高〔2026〕9号' });
    const rev = await as.js_admin!.post(`/api/decisions/${id}/reverse`, { reason: '名称不规范' });
    expect(rev.statusCode, rev.body).toBe(200);
    expect(await appRow(a.id)).toMatchObject({ status: 'rejected', stage_key: 'national_review' });
    expect((await as.op_univ_admin!.get(`/api/public/filing-lists/${rec.id}`)).json().entries).toEqual([expect.objectContaining({ status: 'removed', removedReason: '名称不规范' })]);
    const back = await as.js_admin!.post(`/api/decisions/${rev.json().id}/reverse`, { reason: '已更名' });
    expect(back.statusCode, back.body).toBe(200);
    expect(await appRow(a.id)).toMatchObject({ status: 'in_review', stage_key: 'national_review' });
    expect((await as.op_univ_admin!.get(`/api/public/filing-lists/${rec.id}`)).json().entries).toEqual([expect.objectContaining({ status: 'listed', removedReason: null })]);
    expect(await notices(a.spaceName, '审定结果已更正')).toEqual([2, 2]);
  });
});

describe('the 辽宁 province decision', () => {
  it('rejects: the application ends, nothing is listed or filed', async () => {
    const a = await applicationAtStage(t, 'liaoning_province', 'province_decision');
    const id = await record(as.ln_reviewer!, reject(a.id, 'province_decision', '专家评审未通过'));
    const list = await release(as.ln_admin!, { ...releaseBody(a.callId, 'province_decision', [id]), documentNumber: '辽科发〔2026〕5号' });
    expect(list).toMatchObject({ kind: 'filing', level: 'province', entries: [] });
    // Rejections alone publish nothing to the public index.
    expect((await as.op_cg_admin!.get('/api/public/filing-lists?level=province&pageSize=100')).json().items.map((l: { id: string }) => l.id)).not.toContain(list.id);
    expect(await appRow(a.id)).toMatchObject({ status: 'rejected' });
    expect(await filingsOf(a.id)).toEqual([]);
    expect((await q(`select 1 from notifications where body like $1 and body like '%不予备案：专家评审未通过%'`, [`%${a.spaceName}%`])).length).toBe(2);
  });
});

describe('outsiders are refused and nothing changes', () => {
  it('covers every decision endpoint', async () => {
    const a = await applicationAtStage(t, 'xuchang_city', 'city_decision');
    const pendingId = await record(as.xc_reviewer!, approve(a.id, 'city_decision'));
    const b = await applicationAtStage(t, 'xuchang_city', 'city_decision');
    const releasedId = await record(as.xc_reviewer!, approve(b.id, 'city_decision'));
    await release(as.xc_admin!, releaseBody(b.callId, 'city_decision', [releasedId]));
    const c = await applicationAtStage(t, 'xuchang_city', 'city_decision');

    const calls: [string, (u: Agent) => Promise<{ statusCode: number }>][] = [
      ['candidates', (u) => u.get(`/api/decisions/candidates?callId=${a.callId}&stageKey=city_decision`)],
      ['list', (u) => u.get(`/api/decisions?callId=${a.callId}&stageKey=city_decision`)],
      ['record', (u) => u.post('/api/decisions', approve(c.id, 'city_decision'))],
      ['update', (u) => u.put(`/api/decisions/${pendingId}`, { outcome: 'reject', reason: '改', checklist: DECIDED })],
      ['withdraw', (u) => u.delete(`/api/decisions/${pendingId}`)],
      ['release', (u) => u.post('/api/decisions/release', releaseBody(a.callId, 'city_decision', [pendingId]))],
      ['reverse', (u) => u.post(`/api/decisions/${releasedId}/reverse`, { reason: '更正' })],
    ];
    // Other city or province, a county below, the wrong stage's authority (province, ministry): 404 or 403.
    const outsiders: Record<string, 'scope' | 'role'> = {
      sy_admin: 'scope', ln_admin: 'scope', js_admin: 'scope', cg_admin: 'scope', yz_admin: 'scope', most_admin: 'scope', nj_admin: 'scope',
      op_cg_admin: 'role', expert_wang: 'role', js_intake: 'role',
    };
    const before = await fingerprint();
    for (const [user, kind] of Object.entries(outsiders)) {
      for (const [name, call] of calls) {
        const res = await call(as[user]!);
        expect([403, 404], `${user} ${name}: ${res.statusCode}`).toContain(res.statusCode);
        if (kind === 'role') expect(res.statusCode, `${user} ${name}`).toBe(403);
      }
    }
    // The reviewer works the stage but may not release or reverse.
    for (const name of ['release', 'reverse']) expect((await calls.find(([n]) => n === name)![1](as.xc_reviewer!)).statusCode, name).toBe(403);
    expect(await fingerprint()).toEqual(before);
  });

  it('the public endpoints show what was published and no personal data', async () => {
    const anon = new (await import('../../../test/helpers/agent.ts')).Agent(t.app);
    const index = await anon.get('/api/public/filing-lists?pageSize=100');
    expect(index.statusCode).toBe(200);
    expect(index.json().total).toBeGreaterThan(0);
    for (const l of index.json().items) {
      const res = await anon.get(`/api/public/filing-lists/${l.id}`);
      expect(res.statusCode).toBe(200);
      const text = res.body;
      expect(mobilesIn(text)).toEqual([]);
      expect(text).not.toMatch(/@|published_?by|decidedBy|userId|uscc/i);
      expect(Object.keys(res.json()).sort()).toEqual(['authority', 'documentNumber', 'entries', 'id', 'issuedOn', 'kind', 'level', 'publishedAt', 'title']);
    }
    expect((await anon.get('/api/public/filing-lists/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await anon.get('/api/public/filing-lists?level=county')).statusCode).toBe(400);
    expect((await anon.get('/api/filings?spaceId=00000000-0000-4000-8000-000000000000')).statusCode).toBe(401);
  });

  it('keeps each list\'s call kind and entry count equal to a recount through added, moved and deleted entries', async () => {
    const recount = () =>
      q<{ id: string; kept: number; counted: number; kind_kept: string | null; kind: string }>(
        `select l.id, l.entry_count as kept, (select count(*)::int from filing_list_entries e where e.list_id = l.id) as counted, l.call_kind as kind_kept, c.kind
           from filing_lists l join calls c on c.id = l.call_id order by l.id`,
      );
    const mismatched = async () => (await recount()).filter((r) => r.kept !== r.counted || r.kind_kept !== r.kind);
    const lists = await recount();
    expect(lists.some((l) => l.counted > 0)).toBe(true);
    expect(await mismatched()).toEqual([]);
    // Two entries added to one list in one statement, one moved to another list, then both deleted.
    const from = lists.find((l) => l.counted > 0)!;
    const to = lists.find((l) => l.id !== from.id)!;
    const added = await q<{ id: string }>(
      `insert into filing_list_entries (list_id, application_id, space_id, space_name, operator_name, region_name)
       select $1, a.id, s.id, s.name, '运营主体', '测试区' from applications a join spaces s on s.id = a.space_id
        where not exists (select 1 from filing_list_entries e where e.application_id = a.id) order by a.id limit 2 returning id`,
      [from.id],
    );
    expect(added).toHaveLength(2);
    expect((await recount()).find((r) => r.id === from.id)!.kept).toBe(from.counted + 2);
    await q(`update filing_list_entries set list_id = $1 where id = $2`, [to.id, added[0]!.id]);
    expect((await recount()).find((r) => r.id === to.id)!.kept).toBe(to.counted + 1);
    expect(await mismatched()).toEqual([]);
    await q(`delete from filing_list_entries where id = any($1::uuid[])`, [added.map((a) => a.id)]);
    expect(await mismatched()).toEqual([]);
    // A released list appears in the public index with its kept count; an empty one does not.
    const index = (await new (await import('../../../test/helpers/agent.ts')).Agent(t.app).get('/api/public/filing-lists?pageSize=100&sort=entries&order=desc')).json();
    const counts = index.items.map((l: { entryCount: number }) => l.entryCount);
    expect(counts.every((n: number) => n > 0)).toBe(true);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });
});

describe('a stage with many decisions (辽宁 province_decision): paged, sorted, released as "all"', () => {
  const stage = 'province_decision';
  let callId: string;
  const url = (query = '') => `/api/decisions/candidates?callId=${callId}&stageKey=${stage}${query}`;
  const pendingNow = async () => (await as.ln_admin!.get(url('&pageSize=1'))).json().pending as number;
  const releaseAll = (agent: Agent, expectedCount: number, extra: Record<string, unknown> = {}) => {
    const { decisionIds: _ids, ...body } = releaseBody(callId, stage, [], { documentNumber: `辽科发〔2026〕${100 + docNo}号` });
    return agent.post('/api/decisions/release', { ...body, all: true, expectedCount, ...extra });
  };

  beforeAll(async () => {
    const apps = [await applicationAtStage(t, 'liaoning_province', stage), await applicationAtStage(t, 'liaoning_province', stage), await applicationAtStage(t, 'liaoning_province', stage)];
    callId = apps[0]!.callId;
    await record(as.ln_reviewer!, approve(apps[0]!.id, stage));
    await record(as.ln_reviewer!, reject(apps[1]!.id, stage, '专家评审未通过'));
  });

  it('pages and sorts the candidates and the decisions on the server, refusing a column it does not sort by', async () => {
    const first = await as.ln_admin!.get(url('&pageSize=1'));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ page: 1, pageSize: 1, items: [expect.anything()] });
    expect(first.json().total).toBeGreaterThanOrEqual(3);
    expect(first.json().pending).toBeGreaterThanOrEqual(2);
    const all = (await as.ln_admin!.get(url('&pageSize=100'))).json();
    expect(all.items).toHaveLength(all.total);
    expect(all.items.filter((i: { decision: unknown }) => i.decision)).toHaveLength(all.pending);
    const second = (await as.ln_admin!.get(url('&pageSize=1&page=2'))).json();
    expect(second.items[0].applicationId).toBe(all.items[1].applicationId);
    const names = async (order: string) => (await as.ln_admin!.get(url(`&pageSize=100&sort=space&order=${order}`))).json().items.map((i: { space: { name: string } }) => i.space.name);
    const up = await names('asc');
    expect(await names('desc')).toEqual([...up].reverse());
    const decisions = (await as.ln_admin!.get(`/api/decisions?callId=${callId}&stageKey=${stage}&status=pending&sort=outcome&pageSize=100`)).json();
    expect(decisions.total).toBe(all.pending);
    expect(decisions.items.map((d: { outcome: string }) => d.outcome)).toEqual([...decisions.items.map((d: { outcome: string }) => d.outcome)].sort());
    for (const [query, field] of [['&sort=password', 'querystring.sort'], ['&pageSize=101', 'querystring.pageSize'], ['&order=up', 'querystring.order']]) {
      for (const u of [url(query), `/api/decisions?callId=${callId}&stageKey=${stage}${query}`]) {
        const res = await as.ln_admin!.get(u);
        expect(res.statusCode, u).toBe(400);
        expect(res.json().error.fields.map((f: { field: string }) => f.field)).toContain(field);
      }
    }
  });

  it('refuses a bad combination of ids and "all", naming the field', async () => {
    const before = await fingerprint();
    const cases: [Record<string, unknown>, string][] = [
      [{ decisionIds: ['00000000-0000-4000-8000-000000000000'] }, 'body.all'],
      [{ expectedCount: undefined }, 'body.expectedCount'],
      [{ all: false }, 'body.all'],
      [{ all: undefined }, 'body.decisionIds'],
    ];
    for (const [extra, field] of cases) {
      const res = await releaseAll(as.ln_admin!, 1, extra);
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
      expect(res.json().error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses outsiders releasing "all", and changes nothing', async () => {
    const n = await pendingNow();
    const before = await fingerprint();
    expect((await releaseAll(as.ln_reviewer!, n)).statusCode).toBe(403);
    expect((await releaseAll(as.op_cg_admin!, n)).statusCode).toBe(403);
    for (const outsider of ['sy_admin', 'xc_admin', 'most_admin']) expect([403, 404], outsider).toContain((await releaseAll(as[outsider]!, n)).statusCode);
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses "all" when the number of pending decisions changed since the admin saw it (409 COUNT_CHANGED), and changes nothing', async () => {
    const seen = await pendingNow();
    const late = await applicationAtStage(t, 'liaoning_province', stage);
    await record(as.ln_reviewer!, approve(late.id, stage));
    const before = await fingerprint();
    const res = await releaseAll(as.ln_admin!, seen);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'COUNT_CHANGED', message: expect.stringContaining(`${seen + 1} 项`) });
    expect(await fingerprint()).toEqual(before);
  });

  it('releases every pending decision of the stage with the count the admin confirmed', async () => {
    const seen = (await as.ln_admin!.get(`/api/decisions?callId=${callId}&stageKey=${stage}&status=pending&pageSize=100`)).json();
    expect(seen.total).toBe(await pendingNow());
    const res = await releaseAll(as.ln_admin!, seen.total);
    expect(res.statusCode, res.body).toBe(201);
    const approvals = seen.items.filter((d: { outcome: string }) => d.outcome === 'approve');
    expect(res.json().entries.map((e: { spaceName: string }) => e.spaceName).sort()).toEqual(approvals.map((d: { space: { name: string } }) => d.space.name).sort());
    for (const d of seen.items) expect((await appRow(d.applicationId)).status).toBe(d.outcome === 'approve' ? 'filed' : 'rejected');
    expect(await pendingNow()).toBe(0);
    const [audit] = await q<{ detail: { all: boolean; decisionIds: string[] } }>(`select detail from audit_log where action = 'decision.release' order by id desc limit 1`);
    expect(audit!.detail.all).toBe(true);
    expect(audit!.detail.decisionIds.sort()).toEqual(seen.items.map((d: { id: string }) => d.id).sort());
  });
});

describe("a decision's call and space (the decisions list reads them, not the application)", () => {
  const mismatched = () =>
    q<{ id: string }>(`select d.id from decisions d join applications a on a.id = d.application_id where d.call_id <> a.call_id or d.space_id <> a.space_id`);
  /** Another call than `callId` and a space with no application in `callId` (the applications of these tests have new spaces, in no other call). */
  const elsewhere = async (callId: string) =>
    (await q<{ call_id: string; space_id: string }>(
      `select (select id from calls where id <> $1 limit 1) as call_id, (select id from spaces s where not exists (select 1 from applications x where x.space_id = s.id and x.call_id = $1) limit 1) as space_id`,
      [callId],
    ))[0]!;

  it('are its application\'s after every insert path: recording, reversal, a seed\'s SQL, even one naming others', async () => {
    // Recorded, released and reversed through the API.
    const decided = await applicationAtStage(t, 'xuchang_city', 'city_decision');
    const first = await record(as.xc_reviewer!, reject(decided.id, 'city_decision', '条件不符'));
    await release(as.xc_admin!, releaseBody(decided.callId, 'city_decision', [first]));
    expect((await as.xc_admin!.post(`/api/decisions/${first}/reverse`, { reason: '复核后符合条件' })).statusCode).toBe(200);
    const made = await q(`select status, call_id, space_id from decisions where application_id = $1 order by status`, [decided.id]);
    expect(made).toEqual(['released', 'superseded'].map((status) => ({ status, call_id: decided.callId, space_id: decided.spaceId })));
    expect(await mismatched()).toEqual([]);

    // The seeds insert decisions in SQL without the call and space; a wrong call or space is corrected.
    const a = await applicationAtStage(t, 'xuchang_city', 'city_decision');
    const other = await elsewhere(a.callId);
    const [bare] = await q<{ id: string; call_id: string; space_id: string }>(
      `insert into decisions (application_id, stage_key, outcome, reason) values ($1, 'city_decision', 'approve', '符合备案条件') returning id, call_id, space_id`,
      [a.id],
    );
    expect(bare).toMatchObject({ call_id: a.callId, space_id: a.spaceId });
    const b = await applicationAtStage(t, 'xuchang_city', 'city_decision');
    const [named] = await q<{ call_id: string; space_id: string }>(
      `insert into decisions (application_id, call_id, space_id, stage_key, outcome, reason) values ($1, $2, $3, 'city_decision', 'approve', '符合备案条件') returning call_id, space_id`,
      [b.id, other.call_id, other.space_id],
    );
    expect(named).toEqual({ call_id: b.callId, space_id: b.spaceId });
    await q(`update decisions set call_id = $1, space_id = $2 where id = $3`, [other.call_id, other.space_id, bare!.id]);
    expect(await mismatched()).toEqual([]);
    const pending = (await as.xc_admin!.get(`/api/decisions?callId=${a.callId}&stageKey=city_decision&status=pending&pageSize=100`)).json();
    expect(pending.items.map((d: { id: string }) => d.id)).toContain(bare!.id);
    expect(pending.items.find((d: { id: string }) => d.id === bare!.id).space).toMatchObject({ id: a.spaceId, name: a.spaceName });
  });

  it('follow the application should it ever move to another call or space', async () => {
    const a = await applicationAtStage(t, 'xuchang_city', 'city_decision');
    await record(as.xc_reviewer!, approve(a.id, 'city_decision'));
    const other = await elsewhere(a.callId);
    const kept = () => q(`select call_id, space_id from decisions where application_id = $1`, [a.id]);
    await q(`update applications set call_id = $1 where id = $2`, [other.call_id, a.id]);
    expect(await kept()).toEqual([{ call_id: other.call_id, space_id: a.spaceId }]);
    await q(`update applications set call_id = $1, space_id = $2 where id = $3`, [a.callId, other.space_id, a.id]);
    expect(await kept()).toEqual([{ call_id: a.callId, space_id: other.space_id }]);
    await q(`update applications set call_id = $1, space_id = $2 where id = $3`, [a.callId, a.spaceId, a.id]);
    expect(await mismatched()).toEqual([]);
  });

  it('lists a pending decision only while its application waits at the stage', async () => {
    const a = await applicationAtStage(t, 'xuchang_city', 'city_decision');
    const id = await record(as.xc_reviewer!, approve(a.id, 'city_decision'));
    const pendingIds = async () => (await as.xc_admin!.get(`/api/decisions?callId=${a.callId}&stageKey=city_decision&pageSize=100`)).json().items.map((d: { id: string }) => d.id);
    expect(await pendingIds()).toContain(id);
    await q(`update applications set status = 'withdrawn' where id = $1`, [a.id]);
    expect(await pendingIds()).not.toContain(id);
    await q(`update applications set status = 'in_review' where id = $1`, [a.id]);
    expect(await pendingIds()).toContain(id);
  });
});
