import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Agent } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { uploadFile } from '../../../test/helpers/journey.ts';
import { gradesReleasedInTx } from '../evaluation/index.ts';
import { markMissedReturns } from '../returns/index.ts';
import { acceptReturnInTx } from '../returns/service.ts';
import { SYSTEM_CONTEXT } from '../../shared/audit-context.ts';
import { proposeRevocationInTx } from './index.ts';

/**
 * 动态管理: revocation proposals raised by the rules (two missed returns in a row, a fraud finding),
 * the province starting a revocation from one (check → public notice → decision released as the
 * 撤销名单) or dismissing it, and everyone else refused with nothing changed.
 */
let t: TestApp;
const as: Record<string, Agent> = {};
const q = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => t.ctx.database.query<T>(sql, params);
const DAY = 86_400_000;

/** Three Liaoning spaces with a provincial filing each (on last year's list), as the changes test files one. */
const spaces: { id: string; name: string; operatorOrgId: string; filingAppId: string }[] = [];
let filingListId: string;
let filingCallId: string;

/** What an outsider's refused request must leave as it was. */
const fingerprint = async () => ({
  proposals: await q('select * from revocation_proposals order by id'),
  submissions: await q(`select id, status, stage_key, revision from applications where kind = 'revocation' order by id`),
  filings: await q('select id, status, cancelled_reason from filings order by id'),
  entries: await q('select id, status, removed_reason from filing_list_entries order by id'),
});

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  for (const u of ['ln_admin', 'ln_reviewer', 'sy_admin', 'js_admin', 'op_robot_admin']) as[u] = await signIn(t.app, u);
  const [call] = await q<{ id: string; authority_org_id: string }>(`select c.id, c.authority_org_id from calls c join chains ch on ch.id = c.chain_id where ch.key = 'liaoning_province' limit 1`);
  filingCallId = call!.id;
  const [list] = await q<{ id: string }>(
    `insert into filing_lists (call_id, stage_key, authority_org_id, kind, level, title, document_number, issued_on) values ($1, 'province_decision', $2, 'filing', 'province', '2025年辽宁省众创空间备案名单', '辽科发〔2025〕1号', '2025-06-01') returning id`,
    [call!.id, call!.authority_org_id],
  );
  filingListId = list!.id;
  const [robot] = await q<{ id: string; name: string; operator_org_id: string }>(`select id, name, operator_org_id from spaces where name = '沈阳智能机器人专业化众创空间'`);
  // Two more spaces of the same operator in 沈阳 (the demo has one in 辽宁).
  const more = await q<{ id: string; name: string; operator_org_id: string }>(
    `insert into spaces (name, operator_org_id, category, industry, region_code)
     select n, operator_org_id, category, industry, region_code from spaces, unnest(array['沈阳浑南专业化众创空间', '沈阳铁西专业化众创空间']) n where id = $1
     returning id, name, operator_org_id`,
    [robot!.id],
  );
  const rows = [robot!, ...more];
  expect(rows).toHaveLength(3);
  // The filed applications sit in another call, so the fraud test may hand a new one in to this call.
  const [earlier] = await q<{ id: string }>(`select id from calls where kind = 'filing' and id <> $1 limit 1`, [call!.id]);
  for (const s of rows) {
    const [app] = await q<{ id: string }>(
      `insert into applications (call_id, space_id, operator_org_id, kind, status, stage_key, round, submitted_at) values ($1, $2, $3, 'filing', 'filed', 'province_decision', 1, now()) returning id`,
      [earlier!.id, s.id, s.operator_org_id],
    );
    await q(`insert into filings (space_id, level, application_id, list_id) values ($1, 'province', $2, $3)`, [s.id, app!.id, list!.id]);
    await q(`insert into filing_list_entries (list_id, application_id, space_id, space_name, operator_name, region_name) values ($1, $2, $3, $4, '运营主体', '辽宁省')`, [list!.id, app!.id, s.id, s.name]);
    spaces.push({ id: s.id, name: s.name, operatorOrgId: s.operator_org_id, filingAppId: app!.id });
  }
}, 300_000);
afterAll(() => t.close());

const proposalsOf = (spaceId: string, ground = 'two_missed_returns') =>
  q<{ id: string; ground: string; status: string; evidence: { refs: { type: string }[] } }>(`select * from revocation_proposals where space_id = $1 and ground = $2`, [spaceId, ground]);

describe('proposals raised by the rules', () => {
  it('raises one proposal for two missed returns in a row (and not another on the third), none for missed–filed–missed', async () => {
    const [robot, steady] = spaces;
    const catalogueId = ((await as.ln_admin!.get('/api/returns/catalogues')).json().items as { id: string }[])[0]!.id;
    const chainId = (await q<{ id: string }>(`select id from chains where key = 'annual_return_city_province'`))[0]!.id;
    const later = new Date(Date.now() + 30 * DAY);
    const round = async (period: string) => {
      const res = await as.ln_admin!.post('/api/returns/rounds', { cadence: 'annual', period, dueAt: new Date(Date.now() + 20 * DAY).toISOString(), catalogueId, chainId });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const returnOf = async (callId: string, spaceId: string) => (await q<{ id: string }>(`select id from applications where call_id = $1 and space_id = $2`, [callId, spaceId]))[0]!.id;

    const first = await round('2021');
    await markMissedReturns(t.ctx.db, { callId: first }, later);
    expect(await proposalsOf(robot!.id)).toEqual([]);

    const second = await round('2022');
    // The steady space's return is accepted (the kind's effect of a released approval): its run ends.
    const steadyReturn = await returnOf(second, steady!.id);
    await q(`update applications set status = 'filed' where id = $1`, [steadyReturn]);
    await t.ctx.db.transaction((tx) => acceptReturnInTx(tx, steadyReturn, new Date()));
    await markMissedReturns(t.ctx.db, { callId: second }, later);
    const raised = await proposalsOf(robot!.id);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ ground: 'two_missed_returns', status: 'pending' });
    expect(raised[0]!.evidence.refs.map((r) => r.type)).toEqual(['return', 'return']);

    const third = await round('2023');
    await markMissedReturns(t.ctx.db, { callId: third }, later);
    expect(await proposalsOf(robot!.id)).toHaveLength(1);
    expect(await proposalsOf(steady!.id)).toEqual([]);
    const audited = await q<{ n: number }>(`select count(*)::int as n from audit_log where action = 'revocation.propose' and object_id = $1`, [raised[0]!.id]);
    expect(audited[0]!.n).toBe(1);
  });

  it('raises one proposal for a fraud finding against a space still holding a filing', async () => {
    const [, , target] = spaces;
    const [app] = await q<{ id: string }>(
      `insert into applications (call_id, space_id, operator_org_id, kind, status, stage_key, round, submitted_at) values ($1, $2, $3, 'filing', 'submitted', 'city_authenticity', 1, now()) returning id`,
      [filingCallId, target!.id, target!.operatorOrgId],
    );
    const evidence = await uploadFile(as.ln_admin!, '核查报告.pdf');
    const found = await as.ln_admin!.post('/api/credit/findings', { applicationId: app!.id, reason: '申报材料中的场地租赁合同系伪造', evidenceFileId: evidence.id });
    expect(found.statusCode, found.body).toBe(201);
    const raised = await proposalsOf(target!.id, 'fraud');
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ ground: 'fraud', status: 'pending' });
    expect(raised[0]!.evidence.refs.map((r) => r.type)).toEqual(['credit_record', 'application']);
  });
});

describe('the authority’s proposals', () => {
  it('lists the jurisdiction’s proposals, filtered and sorted, with evidence and what the actor may do', async () => {
    const all = await as.ln_admin!.get('/api/revocation/proposals?sort=raisedAt&order=asc');
    expect(all.statusCode, all.body).toBe(200);
    // 沈阳智能机器人 and 铁西 missed two returns in a row, 铁西 was also found to have cheated.
    expect(all.json().total).toBe(3);
    expect(all.json().items[0]).toMatchObject({ ground: 'two_missed_returns', status: 'pending', abilities: { start: true, dismiss: true }, filing: { level: 'province' } });
    const fraud = (await as.ln_admin!.get('/api/revocation/proposals?ground=fraud')).json();
    expect(fraud.items.map((i: { ground: string }) => i.ground)).toEqual(['fraud']);
    // The city reads its own spaces' proposals and decides nothing; 江苏 sees none of them.
    const city = (await as.sy_admin!.get('/api/revocation/proposals')).json();
    expect(city.items.every((i: { abilities: { start: boolean } }) => !i.abilities.start)).toBe(true);
    expect((await as.js_admin!.get('/api/revocation/proposals')).json().total).toBe(0);
    // They wait in the province's workbench, the oldest first, each opening its proposal.
    const todo = ((await as.ln_admin!.get('/api/workbench')).json().todos as { kind: string; count: number; items: { link: string; detail: string }[] }[]).find((x) => x.kind === 'revocation_proposals');
    expect(todo).toMatchObject({ count: 3, link: '/app/revocations?status=pending' });
    expect(todo!.items[0]).toMatchObject({ detail: 'two_missed_returns', link: `/app/revocations/${all.json().items[0].id}` });
    expect(((await as.js_admin!.get('/api/workbench')).json().todos as { kind: string }[]).map((x) => x.kind)).not.toContain('revocation_proposals');
  });

  it('names bad input in Chinese', async () => {
    const bad = await as.ln_admin!.get('/api/revocation/proposals?ground=late');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('querystring.ground');
    const [proposal] = await proposalsOf(spaces[2]!.id);
    const short = await as.ln_admin!.post(`/api/revocation/proposals/${proposal!.id}/dismiss`, { reason: '' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields[0]).toMatchObject({ field: 'body.reason', message: '请说明不予撤销的理由' });
    expect((await as.ln_admin!.get('/api/revocation/proposals/nope')).statusCode).toBe(400);
  });

  it('refuses outsiders on every endpoint and changes nothing', async () => {
    const [proposal] = await proposalsOf(spaces[0]!.id);
    const before = await fingerprint();
    const outsider = as.js_admin!;
    expect((await outsider.get(`/api/revocation/proposals/${proposal!.id}`)).statusCode).toBe(404);
    expect((await outsider.post(`/api/revocation/proposals/${proposal!.id}/start`, {})).statusCode).toBe(404);
    expect((await outsider.post(`/api/revocation/proposals/${proposal!.id}/dismiss`, { reason: '理由充分' })).statusCode).toBe(404);
    expect((await as.sy_admin!.post(`/api/revocation/proposals/${proposal!.id}/start`, {})).statusCode).toBe(403);
    expect((await as.ln_reviewer!.post(`/api/revocation/proposals/${proposal!.id}/dismiss`, { reason: '理由充分' })).statusCode).toBe(403);
    expect((await as.op_robot_admin!.get('/api/revocation/proposals')).statusCode).toBe(403);
    expect((await as.op_robot_admin!.get(`/api/spaces/${spaces[0]!.id}/timeline`)).statusCode).toBe(403);
    expect((await outsider.get(`/api/spaces/${spaces[0]!.id}/timeline`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/revocation/proposals' })).statusCode).toBe(401);
    expect(await fingerprint()).toEqual(before);
  });

  it('dismisses a proposal with a reason, audited, and refuses to handle it twice', async () => {
    const [proposal] = await proposalsOf(spaces[2]!.id, 'fraud');
    const res = await as.ln_admin!.post(`/api/revocation/proposals/${proposal!.id}/dismiss`, { reason: '原备案申请系另一主体所为，本空间已整改' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'dismissed', closedNote: '原备案申请系另一主体所为，本空间已整改', abilities: { start: false, dismiss: false } });
    expect((await as.ln_admin!.post(`/api/revocation/proposals/${proposal!.id}/start`, {})).statusCode).toBe(409);
    const audited = await q<{ detail: { reason: string } }>(`select detail from audit_log where action = 'revocation.dismiss' and object_id = $1`, [proposal!.id]);
    expect(audited[0]!.detail.reason).toBe('原备案申请系另一主体所为，本空间已整改');
    expect((await q<{ status: string }>('select status from filings where space_id = $1', [spaces[2]!.id]))[0]!.status).toBe('active');
  });
});

describe('a revocation end to end', () => {
  it('starts from the proposal, passes check, notice and decision, and its release ends the filing and publishes the 撤销名单', async () => {
    const robot = spaces[0]!;
    const [proposal] = await proposalsOf(robot.id);
    const started = await as.ln_admin!.post(`/api/revocation/proposals/${proposal!.id}/start`, { note: '经核实连续两年未报送' });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({ status: 'in_review', submission: { status: 'submitted', stageKey: 'province_check' } });
    const id = started.json().submission.id as string;
    const told = await q<{ title: string }>(`select n.title from notifications n join users u on u.id = n.user_id where u.org_id = $1 order by n.created_at`, [robot.operatorOrgId]);
    expect(told.map((n) => n.title)).toContain('众创空间备案撤销程序已启动');
    // The reviewers read the evidence of the submission they judge.
    expect((await as.ln_reviewer!.get(`/api/revocation/submissions/${id}`)).json().evidence.refs).toHaveLength(2);
    // Nobody else reads it: another province finds nothing, the operator reads no proposal.
    expect((await as.js_admin!.get(`/api/revocation/submissions/${id}`)).statusCode).toBe(404);
    expect((await as.op_robot_admin!.get(`/api/revocation/submissions/${id}`)).statusCode).toBe(403);

    const passed = await as.ln_reviewer!.post(`/api/review/applications/${id}/pass`, {
      stageKey: 'province_check',
      checklist: [
        { key: 'grounds_verified', verdict: 'ok', note: '两期报表均逾期未报' },
        { key: 'operator_heard', verdict: 'ok', note: '运营主体书面说明无正当理由' },
      ],
      note: '事由属实，拟撤销并公示',
    });
    expect(passed.statusCode, passed.body).toBe(200);
    const callId = (await q<{ call_id: string }>('select call_id from applications where id = $1', [id]))[0]!.call_id;
    const notice = await as.ln_admin!.post('/api/notices', {
      callId,
      stageKey: 'province_notice',
      applicationIds: [id],
      title: '辽宁省拟撤销众创空间备案的公示',
      body: '以下众创空间连续两次未按时报送统计报表，拟撤销其省级备案。公示期内如有异议，请实名提出。',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 7 * DAY).toISOString(),
    });
    expect(notice.statusCode, notice.body).toBe(201);
    await q(`update public_notices set starts_at = now() - interval '8 days', ends_at = now() - interval '1 minute' where id = $1`, [notice.json().id]);
    expect((await as.ln_admin!.post(`/api/notices/${notice.json().id}/conclude`, {})).statusCode).toBe(200);

    const decided = await as.ln_reviewer!.post('/api/decisions', { applicationId: id, stageKey: 'province_decision', outcome: 'approve', reason: '公示期满无异议，撤销备案', checklist: [{ key: 'decision_basis', verdict: 'ok', note: '依据 002 §四(二)' }] });
    expect(decided.statusCode, decided.body).toBe(201);
    const released = await as.ln_admin!.post('/api/decisions/release', {
      callId,
      stageKey: 'province_decision',
      decisionIds: [decided.json().id],
      expectedCount: 1,
      title: '关于撤销部分众创空间省级备案的通知',
      documentNumber: '辽科发〔2026〕30号',
      issuedOn: '2026-12-04',
    });
    expect(released.statusCode, released.body).toBe(201);

    const filing = (await q<{ status: string; cancelled_reason: string }>('select status, cancelled_reason from filings where space_id = $1', [robot.id]))[0]!;
    expect(filing).toEqual({ status: 'cancelled', cancelled_reason: '撤销备案：连续两次未按时报送统计报表' });
    const filed = (await t.app.inject({ method: 'GET', url: `/api/public/filing-lists/${filingListId}` })).json().entries as { spaceName: string; status: string; removedReason: string | null }[];
    expect(filed.find((e) => e.spaceName === robot.name)).toMatchObject({ status: 'removed', removedReason: '撤销备案：连续两次未按时报送统计报表' });
    const revocations = (await t.app.inject({ method: 'GET', url: '/api/public/filing-lists?kind=revocation' })).json();
    expect(revocations.items.map((l: { documentNumber: string }) => l.documentNumber)).toEqual(['辽科发〔2026〕30号']);
    const revocationList = (await t.app.inject({ method: 'GET', url: `/api/public/filing-lists/${revocations.items[0].id}` })).json();
    expect(revocationList.entries.map((e: { spaceName: string }) => e.spaceName)).toEqual([robot.name]);
    expect(((await t.app.inject({ method: 'GET', url: '/api/public/filing-lists' })).json().items as { documentNumber: string }[]).map((l) => l.documentNumber)).not.toContain('辽科发〔2026〕30号');
    expect((await as.ln_admin!.get(`/api/revocation/proposals/${proposal!.id}`)).json()).toMatchObject({ status: 'revoked', submission: { status: 'filed' } });
    const operatorTold = await q<{ title: string }>(`select n.title from notifications n join users u on u.id = n.user_id where u.org_id = $1`, [robot.operatorOrgId]);
    expect(operatorTold.map((n) => n.title)).toContain('众创空间备案已撤销');

    const timeline = await as.ln_admin!.get(`/api/spaces/${robot.id}/timeline`);
    expect(timeline.statusCode, timeline.body).toBe(200);
    const body = timeline.json();
    expect(body.filings[0]).toMatchObject({ status: 'cancelled', cancelledReason: '撤销备案：连续两次未按时报送统计报表' });
    expect(body.revocations[0]).toMatchObject({ ground: 'two_missed_returns', status: 'revoked' });
    expect(body.returns.map((r: { period: string; state: string }) => `${r.period} ${r.state}`)).toEqual(['2023 missed', '2022 missed', '2021 missed']);
    expect(body.grades).toEqual([]);
    expect(body.events.some((e: { kind: string; title: string }) => e.kind === 'revocation' && e.title.includes('撤销备案'))).toBe(true);
  });

  it('a reversal of the revocation restores the filing and lists the space again', async () => {
    const robot = spaces[0]!;
    const [decision] = await q<{ id: string }>(`select d.id from decisions d join applications a on a.id = d.application_id where a.kind = 'revocation' and a.space_id = $1 and d.status = 'released'`, [robot.id]);
    const reversed = await as.ln_admin!.post(`/api/decisions/${decision!.id}/reverse`, { reason: '运营主体提供了按时报送的凭证' });
    expect(reversed.statusCode, reversed.body).toBe(200);
    expect((await q<{ status: string }>('select status from filings where space_id = $1', [robot.id]))[0]!.status).toBe('active');
    const filed = (await t.app.inject({ method: 'GET', url: `/api/public/filing-lists/${filingListId}` })).json().entries as { spaceName: string; status: string }[];
    expect(filed.find((e) => e.spaceName === robot.name)!.status).toBe('listed');
    expect((await proposalsOf(robot.id))[0]!.status).toBe('dismissed');
  });
});

describe('a city-filed space: the city revokes its own title (003 第十条)', () => {
  /** 长葛创新工场, filed by 许昌市科技局 on its list, graded 不合格 twice at the city. */
  let space: { id: string; name: string; operatorOrgId: string };
  let cityListId: string;
  let proposalId: string;

  beforeAll(async () => {
    for (const u of ['xc_admin', 'xc_reviewer', 'cg_admin']) as[u] = await signIn(t.app, u);
    const [row] = await q<{ id: string; name: string; operator_org_id: string }>(`select id, name, operator_org_id from spaces where name = '长葛创新工场众创空间'`);
    space = { id: row!.id, name: row!.name, operatorOrgId: row!.operator_org_id };
    const [call] = await q<{ id: string; authority_org_id: string }>(`select c.id, c.authority_org_id from calls c join chains ch on ch.id = c.chain_id where ch.key = 'xuchang_city' limit 1`);
    const [list] = await q<{ id: string }>(
      `insert into filing_lists (call_id, stage_key, authority_org_id, kind, level, title, document_number, issued_on) values ($1, 'city_decision', $2, 'filing', 'city', '2024年许昌市众创空间备案名单', '许科〔2024〕5号', '2024-06-01') returning id`,
      [call!.id, call!.authority_org_id],
    );
    cityListId = list!.id;
    const [app] = await q<{ id: string }>(
      `insert into applications (call_id, space_id, operator_org_id, kind, status, stage_key, round, submitted_at) values ($1, $2, $3, 'filing', 'filed', 'city_decision', 1, now()) returning id`,
      [call!.id, space.id, space.operatorOrgId],
    );
    await q(`insert into filings (space_id, level, application_id, list_id) values ($1, 'city', $2, $3)`, [space.id, app!.id, list!.id]);
    await q(`insert into filing_list_entries (list_id, application_id, space_id, space_name, operator_name, region_name) values ($1, $2, $3, $4, '运营主体', '长葛市')`, [list!.id, app!.id, space.id, space.name]);
    const raised = await t.ctx.db.transaction((tx) =>
      proposeRevocationInTx(tx, SYSTEM_CONTEXT, { spaceId: space.id, ground: 'two_failing_years', evidence: { summary: '2024、2025 年度评价连续两年不合格', refs: [] } }),
    );
    proposalId = raised!.id;
  });

  it('routes the proposal to the city that filed the space: 许昌 decides, the province and the county do not', async () => {
    const mine = (await as.xc_admin!.get('/api/revocation/proposals')).json();
    expect(mine.items).toEqual([expect.objectContaining({ id: proposalId, filing: expect.objectContaining({ level: 'city' }), abilities: { start: true, dismiss: true } })]);
    const todo = ((await as.xc_admin!.get('/api/workbench')).json().todos as { kind: string; count: number }[]).find((x) => x.kind === 'revocation_proposals');
    expect(todo?.count).toBe(1);
    // The county reads its space's proposal and decides nothing; 辽宁's province sees none of it, nor a city proposal in its own to-dos.
    expect((await as.cg_admin!.get(`/api/revocation/proposals/${proposalId}`)).json().abilities).toEqual({ start: false, dismiss: false });
    const lnPending = (await as.ln_admin!.get('/api/revocation/proposals?status=pending')).json().total as number;
    expect(((await as.ln_admin!.get('/api/workbench')).json().todos as { kind: string; count: number }[]).find((x) => x.kind === 'revocation_proposals')?.count).toBe(lnPending);

    const before = await fingerprint();
    expect((await as.cg_admin!.post(`/api/revocation/proposals/${proposalId}/start`, {})).statusCode).toBe(403);
    expect((await as.xc_reviewer!.post(`/api/revocation/proposals/${proposalId}/dismiss`, { reason: '理由充分' })).statusCode).toBe(403);
    expect((await as.ln_admin!.post(`/api/revocation/proposals/${proposalId}/start`, {})).statusCode).toBe(404);
    expect((await as.ln_admin!.get(`/api/revocation/proposals/${proposalId}`)).statusCode).toBe(404);
    // 许昌 decides no provincial title of 辽宁's either.
    const [lnProposal] = await proposalsOf(spaces[2]!.id);
    expect((await as.xc_admin!.post(`/api/revocation/proposals/${lnProposal!.id}/start`, {})).statusCode).toBe(404);
    expect(await fingerprint()).toEqual(before);
  });

  it('runs on 许昌’s standing call and the city chain, and the city’s release ends the city filing and lists it on the 撤销名单', async () => {
    const started = await as.xc_admin!.post(`/api/revocation/proposals/${proposalId}/start`, { note: '连续两年评价不合格' });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({ status: 'in_review', submission: { status: 'submitted', stageKey: 'city_check' } });
    const id = started.json().submission.id as string;
    const [call] = await q<{ id: string; level: string; region_code: string; key: string; title: string }>(
      `select c.id, c.level, c.region_code, ch.key, c.title from applications a join calls c on c.id = a.call_id join chains ch on ch.id = c.chain_id where a.id = $1`,
      [id],
    );
    expect(call).toMatchObject({ level: 'city', region_code: '411000', key: 'revocation_city', title: '许昌市众创空间撤销备案' });

    const passed = await as.xc_reviewer!.post(`/api/review/applications/${id}/pass`, {
      stageKey: 'city_check',
      checklist: [
        { key: 'grounds_verified', verdict: 'ok', note: '两年评价结果均为不合格' },
        { key: 'operator_heard', verdict: 'ok', note: '运营主体已书面陈述' },
      ],
      note: '事由属实，拟撤销并公示',
    });
    expect(passed.statusCode, passed.body).toBe(200);
    const notice = await as.xc_admin!.post('/api/notices', {
      callId: call!.id,
      stageKey: 'city_notice',
      applicationIds: [id],
      title: '许昌市拟撤销众创空间备案的公示',
      body: '以下众创空间连续两年年度评价不合格，拟撤销其市级备案。公示期内如有异议，请实名提出。',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 7 * DAY).toISOString(),
    });
    expect(notice.statusCode, notice.body).toBe(201);
    await q(`update public_notices set starts_at = now() - interval '8 days', ends_at = now() - interval '1 minute' where id = $1`, [notice.json().id]);
    expect((await as.xc_admin!.post(`/api/notices/${notice.json().id}/conclude`, {})).statusCode).toBe(200);
    const decided = await as.xc_reviewer!.post('/api/decisions', { applicationId: id, stageKey: 'city_decision', outcome: 'approve', reason: '公示期满无异议，撤销备案', checklist: [{ key: 'decision_basis', verdict: 'ok', note: '依据 003 第十条' }] });
    expect(decided.statusCode, decided.body).toBe(201);
    const released = await as.xc_admin!.post('/api/decisions/release', {
      callId: call!.id,
      stageKey: 'city_decision',
      decisionIds: [decided.json().id],
      expectedCount: 1,
      title: '关于撤销部分众创空间市级备案的通知',
      documentNumber: '许科〔2026〕20号',
      issuedOn: '2026-12-04',
    });
    expect(released.statusCode, released.body).toBe(201);

    expect((await q<{ status: string; cancelled_reason: string }>(`select status, cancelled_reason from filings where space_id = $1 and level = 'city'`, [space.id]))[0]).toEqual({
      status: 'cancelled',
      cancelled_reason: '撤销备案：连续两年年度评价不合格',
    });
    const filed = (await t.app.inject({ method: 'GET', url: `/api/public/filing-lists/${cityListId}` })).json().entries as { spaceName: string; status: string }[];
    expect(filed.find((e) => e.spaceName === space.name)!.status).toBe('removed');
    const revocations = (await t.app.inject({ method: 'GET', url: '/api/public/filing-lists?kind=revocation' })).json().items as { id: string; documentNumber: string }[];
    const cityList = revocations.find((l) => l.documentNumber === '许科〔2026〕20号');
    expect(cityList).toBeDefined();
    expect((await t.app.inject({ method: 'GET', url: `/api/public/filing-lists/${cityList!.id}` })).json().entries.map((e: { spaceName: string }) => e.spaceName)).toEqual([space.name]);
    expect((await as.xc_admin!.get(`/api/revocation/proposals/${proposalId}`)).json()).toMatchObject({ status: 'revoked', submission: { status: 'filed' } });
  });
});

describe('a space filed by its city, its province and the nation: the failing level’s filing (002 §四(二); 003 第十条)', () => {
  /** 沈阳浑南 holds the provincial filing of the setup; 沈阳 files it too, and the nation. */
  let space: (typeof spaces)[number];
  let cityFilingId: string;
  let provinceFilingId: string;
  let proposalId: string;
  const grade = (level: string, year: number, grade: string, submissionId: string) =>
    q(`insert into evaluation_grades (space_id, year, level, grade, grade_reason, call_id, submission_id, list_id) values ($1, $2, $3, $4, '{"zh":"","en":""}', $5, $6, $7)`, [space.id, year, level, grade, filingCallId, submissionId, filingListId]);
  const release = (year: number) => t.ctx.db.transaction((tx) => gradesReleasedInTx(tx, { spaceIds: [space.id], year }));
  const todoCount = async (agent: Agent) => ((await agent.get('/api/workbench')).json().todos as { kind: string; count: number }[]).find((x) => x.kind === 'revocation_proposals')?.count ?? 0;

  beforeAll(async () => {
    space = spaces[1]!;
    [{ id: provinceFilingId }] = (await q<{ id: string }>(`select id from filings where space_id = $1 and level = 'province'`, [space.id])) as [{ id: string }];
    const [sy] = await q<{ org_id: string }>(`select org_id from users where username = 'sy_admin'`);
    const [cityList] = await q<{ id: string }>(
      `insert into filing_lists (call_id, stage_key, authority_org_id, kind, level, title, document_number, issued_on) values ($1, 'city_decision', $2, 'filing', 'city', '2024年沈阳市众创空间备案名单', '沈科发〔2024〕3号', '2024-05-01') returning id`,
      [filingCallId, sy!.org_id],
    );
    const [other] = await q<{ id: string }>(`select id from calls where kind = 'filing' and id not in (select call_id from applications where space_id = $1) limit 1`, [space.id]);
    const [cityApp] = await q<{ id: string }>(
      `insert into applications (call_id, space_id, operator_org_id, kind, status, stage_key, round, submitted_at) values ($1, $2, $3, 'filing', 'filed', 'city_decision', 1, now()) returning id`,
      [other!.id, space.id, space.operatorOrgId],
    );
    [{ id: cityFilingId }] = (await q<{ id: string }>(`insert into filings (space_id, level, application_id, list_id) values ($1, 'city', $2, $3) returning id`, [space.id, cityApp!.id, cityList!.id])) as [{ id: string }];
    await q(`insert into filings (space_id, level, application_id, list_id) values ($1, 'national', $2, $3)`, [space.id, space.filingAppId, filingListId]);
    // 沈阳 graded it 不合格 twice; 辽宁 once only; the ministry twice (its title is not the platform's to revoke).
    for (const [level, year, g] of [['city', 2024, 'fail'], ['city', 2025, 'fail'], ['province', 2024, 'pass'], ['province', 2025, 'fail'], ['national', 2024, 'fail'], ['national', 2025, 'fail']] as const)
      await grade(level, year, g, cityApp!.id);
  });

  it('raises the proposal against the city filing only, decided by 沈阳 and waiting in its workbench, not the province’s', async () => {
    const lnBefore = await todoCount(as.ln_admin!);
    await release(2025);
    const raised = await q<{ id: string; filing_id: string; filing_level: string; status: string }>(`select * from revocation_proposals where space_id = $1 and ground = 'two_failing_years'`, [space.id]);
    expect(raised).toEqual([expect.objectContaining({ filing_id: cityFilingId, filing_level: 'city', status: 'pending' })]);
    proposalId = raised[0]!.id;
    expect((await as.sy_admin!.get(`/api/revocation/proposals/${proposalId}`)).json()).toMatchObject({ filing: { id: cityFilingId, level: 'city' }, abilities: { start: true, dismiss: true } });
    expect(await todoCount(as.sy_admin!)).toBe(1);
    // The province reads it in its jurisdiction but neither decides it nor finds it among its to-dos.
    expect((await as.ln_admin!.get(`/api/revocation/proposals/${proposalId}`)).json().abilities).toEqual({ start: false, dismiss: false });
    expect(await todoCount(as.ln_admin!)).toBe(lnBefore);
    const before = await fingerprint();
    expect((await as.ln_admin!.post(`/api/revocation/proposals/${proposalId}/start`, {})).statusCode).toBe(403);
    expect((await as.ln_admin!.post(`/api/revocation/proposals/${proposalId}/dismiss`, { reason: '省级评价并未连续不合格' })).statusCode).toBe(403);
    expect(await fingerprint()).toEqual(before);
    // Released again, nothing more is raised.
    await release(2025);
    expect(await q(`select id from revocation_proposals where space_id = $1`, [space.id])).toHaveLength(1);
  });

  it('a province failing twice as well raises a second proposal, against the provincial filing', async () => {
    await q(`update evaluation_grades set grade = 'fail' where space_id = $1 and level = 'province' and year = 2024`, [space.id]);
    await release(2025);
    const raised = await q<{ filing_id: string; filing_level: string }>(`select filing_id, filing_level from revocation_proposals where space_id = $1 and ground = 'two_failing_years' order by filing_level`, [space.id]);
    expect(raised).toEqual([
      { filing_id: cityFilingId, filing_level: 'city' },
      { filing_id: provinceFilingId, filing_level: 'province' },
    ]);
    expect(await todoCount(as.sy_admin!)).toBe(1);
  });

  it('shows each level’s grade on the space’s timeline, named with its level, saying why and dated by the list that released it', async () => {
    const [sy] = await q<{ org_id: string }>(`select org_id from users where username = 'sy_admin'`);
    const [gradeList] = await q<{ id: string }>(
      `insert into filing_lists (call_id, stage_key, authority_org_id, kind, level, title, document_number, issued_on) values ($1, 'city_decision', $2, 'filing', 'city', '沈阳市2025年度众创空间评价结果', '沈科发〔2026〕7号', '2026-03-18') returning id`,
      [filingCallId, sy!.org_id],
    );
    await q(`update evaluation_grades set grade_reason = $2, total = 52, list_id = $3 where space_id = $1 and level = 'city' and year = 2025`, [space.id, { zh: '得分52分，低于合格分数线60分，评为不合格', en: '52 points: fail' }, gradeList!.id]);
    const body = (await as.sy_admin!.get(`/api/spaces/${space.id}/timeline`)).json() as {
      grades: { year: number; level: string; grade: string; total: number | null; reason: string | null; list: { documentNumber: string; issuedOn: string } }[];
      events: { at: string; onDay?: boolean; kind: string; title: string; detail: string | null }[];
    };
    expect(body.grades.filter((g) => g.year === 2025).map((g) => `${g.level} ${g.grade}`).sort()).toEqual(['city fail', 'national fail', 'province fail']);
    expect(body.grades.find((g) => g.year === 2025 && g.level === 'city')).toMatchObject({ total: 52, reason: '得分52分，低于合格分数线60分，评为不合格', list: { documentNumber: '沈科发〔2026〕7号', issuedOn: '2026-03-18' } });
    const grades = body.events.filter((e) => e.kind === 'grade');
    expect(grades).toHaveLength(6);
    // Dated the day its list was issued (Beijing), not the turn of the year.
    expect(grades.find((e) => e.title === '市级2025 年度评价：不合格')).toMatchObject({ at: '2026-03-17T16:00:00.000Z', onDay: true, detail: '得分52分，低于合格分数线60分，评为不合格；《沈阳市2025年度众创空间评价结果》沈科发〔2026〕7号' });
    // No reason recorded: the list it came from.
    const [setupList] = await q<{ title: string; document_number: string }>(`select title, document_number from filing_lists where id = $1`, [filingListId]);
    expect(grades.find((e) => e.title === '省级2024 年度评价：不合格')!.detail).toBe(`《${setupList!.title}》${setupList!.document_number}`);
    expect(body.events.filter((e) => e.kind !== 'grade').every((e) => e.onDay === undefined)).toBe(true);
  });
});
