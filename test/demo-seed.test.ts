/**
 * The lived-in demo (issue 11): `npm start`'s seed on a fresh database leaves, for each of the three
 * demo chains, applications at every stage, last year's published filing list with its 文号, and a
 * fraud finding with its credit record; the people who sign in first find their work waiting; and
 * the demo operators the browser tests drive start clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedHistory, type HistorySummary } from '../src/seed/history.ts';
import { HISTORY_SPACES } from '../src/seed/history-data.ts';
import { MISSED_EVALUATION_SPACE } from '../src/seed/history-evaluation.ts';
import { Agent, signIn } from './helpers/agent.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
let summary: HistorySummary;
const agents = new Map<string, Agent>();
const as = async (username: string) => {
  if (!agents.has(username)) agents.set(username, await signIn(t.app, username));
  return agents.get(username)!;
};

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  summary = await seedHistory(t.ctx.db, t.config);
}, 600_000);
afterAll(() => t.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field, as the API's JSON
type Json = any;
async function ok(res: Promise<{ statusCode: number; body: string; json: () => Json }>): Promise<Json> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

const q = <T>(text: string, params: unknown[] = []) => t.ctx.database.query<T>(text, params);

/** `status@stage` → count, for the applications of this year's call of `chain`. */
async function statesOf(chain: string) {
  const rows = await q<{ state: string; n: number }>(
    `select a.status || '@' || a.stage_key as state, count(*)::int as n from applications a join calls c on c.id = a.call_id join chains ch on ch.id = c.chain_id
      where ch.key = $1 and c.year = (select max(year) from calls) group by 1 order by 1`,
    [chain],
  );
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

describe('the demo history', () => {
  it('holds one application per history space (and says how long seeding took: the budget is 15 s on an idle machine)', () => {
    console.log(`demo history: ${summary.applications} applications in ${summary.ms} ms`);
    expect(summary.applications).toBe(HISTORY_SPACES.length);
  });

  it('许昌: one at every stage of the city chain, one filed on this year\'s list', async () => {
    expect(await statesOf('xuchang_city')).toEqual({
      'submitted@county_review': 1,
      'returned@county_review': 1,
      'in_review@county_recommend': 1,
      'in_review@city_review': 1,
      'in_review@city_decision': 1,
      'filed@city_decision': 1,
    });
  });

  it('辽宁: waiting, returned, in a running notice with an objection, waiting for the letter, with experts, filed', async () => {
    expect(await statesOf('liaoning_province')).toEqual({
      'submitted@city_authenticity': 2,
      'returned@city_authenticity': 1,
      'in_public_notice@city_notice': 2,
      'in_review@city_recommend': 1,
      'in_review@province_expert': 1,
      // 华康, and 沈阳数联 kept for the browser test of a statistics return.
      'filed@province_decision': 2,
    });
    const [objections] = await q<{ open: number }>(`select count(*)::int as open from objections where status = 'open'`);
    expect(objections!.open).toBe(1);
    // Mid-scoring: of the panel still at work, one has scored, one has declared, one has not started.
    const panel = await q<{ declared: boolean; scored: boolean }>(
      `select x.declared_at is not null as declared, x.submitted_at is not null as scored from expert_assignments x join applications a on a.id = x.application_id
        where a.status = 'in_review' and a.stage_key = 'province_expert' and a.call_id = (select c.id from calls c join chains ch on ch.id = c.chain_id where ch.key = 'liaoning_province' and c.year = (select max(year) from calls))`,
    );
    expect(panel.filter((p) => p.scored)).toHaveLength(1);
    expect(panel.filter((p) => p.declared && !p.scored)).toHaveLength(1);
  });

  it('江苏 → national: waiting for letters, at intake, returned, in formal review, with experts, at the ministry, filed nationally', async () => {
    expect(await statesOf('jiangsu_national')).toEqual({
      'submitted@city_recommend': 2,
      'in_review@intake': 1,
      'returned@province_formal': 1,
      'in_review@province_formal': 1,
      'in_review@province_expert': 1,
      'in_review@national_review': 1,
      'filed@national_decision': 1,
    });
    const letters = await q<{ letter_number: string; status: string }>(`select letter_number, status from recommendations order by letter_number`);
    expect(letters.every((l) => l.status === 'sent')).toBe(true);
    expect(letters.length).toBeGreaterThanOrEqual(5);
  });

  it('sy_reviewer finds work waiting in the review queue and the stages it works', async () => {
    const sy = await as('sy_reviewer');
    const queue = await ok(sy.get('/api/review/queue'));
    expect(queue.total).toBeGreaterThan(0);
    expect(queue.items.map((i: { space: { name: string } }) => i.space.name)).toContain('沈阳集成电路装备专业化众创空间');
    const stages = await ok(sy.get('/api/stages/mine'));
    expect(stages.calls.length).toBeGreaterThan(0);
  });

  it('authority admins find a notice with an objection to handle and a decision to release; operators find their returned application; experts a score sheet to fill', async () => {
    const notices = await ok((await as('sy_admin')).get('/api/notices'));
    expect(notices.items.some((n: { status: string }) => n.status === 'published')).toBe(true);
    const [pending] = await q<{ n: number }>(`select count(*)::int as n from decisions where status = 'pending'`);
    expect(pending!.n).toBe(1);
    const returned = await ok((await as('sy_kangtai')).get('/api/applications'));
    expect(returned.items.map((a: { status: string }) => a.status)).toEqual(['returned']);
    const open = await q<{ username: string }>(
      `select distinct u.username from expert_assignments x join users u on u.id = x.expert_user_id join applications a on a.id = x.application_id
        where x.submitted_at is null and a.status = 'in_review' and a.stage_key = x.stage_key`,
    );
    expect(open.length).toBeGreaterThanOrEqual(2);
  });

  it('last year\'s 许昌 list is public with its 文号, dated last year, one entry struck out for fraud', async () => {
    const [{ year }] = (await q<{ year: number }>(`select max(year) - 1 as year from calls`)) as [{ year: number }];
    const index = await ok(new Agent(t.app).get('/api/public/filing-lists?pageSize=50'));
    const listed = index.items.find((l: { id: string }) => l.id === summary.lastYear.listId);
    expect(listed).toMatchObject({ documentNumber: `许科〔${year}〕36号`, issuedOn: `${year}-07-18` });
    const list = await ok(new Agent(t.app).get(`/api/public/filing-lists/${summary.lastYear.listId}`));
    expect(list.entries).toHaveLength(3);
    // The index names the publishing authority in its own statement: the same name the list shows.
    expect(listed.authority).toBeTruthy();
    expect(listed.authority).toBe(list.authority);
    expect(list.entries.filter((e: { status: string }) => e.status === 'removed')).toEqual([expect.objectContaining({ spaceName: '长葛汇智众创空间' })]);
    const [call] = await q<{ year: number; opens: number; published: number }>(
      `select year, extract(year from opens_at at time zone 'Asia/Shanghai')::int as opens, extract(year from published_at)::int as published from calls where id = $1`,
      [summary.lastYear.callId],
    );
    expect(call).toEqual({ year, opens: year, published: year });
    const [events] = await q<{ outside: number }>(
      `select count(*)::int as outside from application_events e join applications a on a.id = e.application_id
        where a.call_id = $1 and extract(year from e.at) <> $2 and e.action <> 'cancel_for_fraud'`,
      [summary.lastYear.callId, year],
    );
    expect(events!.outside).toBe(0);
  });

  it('records the fraud finding as a credit record the authority and the operator read', async () => {
    const records = await ok((await as('xc_admin')).get('/api/credit/records'));
    expect(records.items).toEqual([expect.objectContaining({ orgName: '长葛市汇智创业服务有限公司', active: true })]);
    const own = await ok((await as('cg_huizhi')).get('/api/credit/records'));
    expect(own.items).toHaveLength(1);
  });

  it('gives 许昌 about forty incubatees over three entry years, survival cohorts and a moved enterprise\'s path', async () => {
    const xc = await as('xc_admin');
    const roster = await ok(xc.get('/api/roster/incubatees?pageSize=100'));
    expect(roster.total).toBeGreaterThanOrEqual(40);
    expect(new Set(roster.items.map((i: Json) => i.status))).toEqual(new Set(['resident', 'graduated', 'exited', 'moved', 'deregistered']));
    const survival = await ok(xc.get('/api/roster/survival'));
    expect(survival.overall).toHaveLength(3);
    expect(survival.overall[0].s1.measurable).toBe(true);
    const moved = roster.items.find((i: Json) => i.status === 'moved');
    const path = await ok(xc.get(`/api/roster/chain?uscc=${moved.uscc}`));
    expect(path.steps.map((s: Json) => s.place)).toEqual(['maker_space', 'incubator']);
  });

  it('has 许昌\'s returns: last year\'s accepted for both filed spaces, this year\'s round open with one at the county and one handed in with its warnings explained', async () => {
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    const mine = async (username: string) =>
      ((await ok((await as(username)).get('/api/returns/mine'))).items as { id: string; state: string; period: string; warnings: number; call: { dueAt: string } }[]).sort((a, b) => a.period.localeCompare(b.period));
    const [zhineng, qingnian] = [await mine('cg_zhineng'), await mine('yz_qingnian')];
    for (const returns of [zhineng, qingnian]) {
      expect(returns.map((r) => [r.period, r.state])).toEqual([
        [String(year - 1), 'filed'],
        [String(year), 'submitted'],
      ]);
      // Last year's round fell due in January; this year's is still open.
      expect(returns[0]!.call.dueAt).toBe(new Date(`${year}-01-20T17:30:00+08:00`).toISOString());
      expect(new Date(returns[1]!.call.dueAt).getTime()).toBeGreaterThan(Date.now());
    }
    const atCounty = (await ok((await as('cg_reviewer')).get(`/api/returns/${zhineng[1]!.id}`))) as Json;
    expect(atCounty.stage.key).toBe('county_check');
    const warned = (await ok((await as('yz_reviewer')).get(`/api/returns/${qingnian[1]!.id}`))) as Json;
    const warnings = (warned.findings as { key: string; severity: string }[]).filter((f) => f.severity === 'warning');
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) expect(warned.notes[w.key]).toBeTruthy();
  });

  it('has one approved change applied to a filed space with its history, and one late report waiting at 沈阳', async () => {
    const history = await t.ctx.database.query<{ field: string; after: string }>(
      `select h.field, h.after from space_change_history h join spaces s on s.id = h.space_id where s.name = '沈阳浑南生物医药专业化众创空间' order by h.field`,
    );
    expect(history).toEqual([
      { field: 'principal', after: '李文博' },
      { field: 'sub_field', after: '生物药、细胞与基因治疗' },
    ]);
    const waiting = (await ok((await as('sy_reviewer')).get('/api/change-reports?late=true'))).items as { status: string; stageKey: string }[];
    expect(waiting).toEqual([expect.objectContaining({ status: 'submitted', stageKey: 'recommender_review' })]);
  });

  it('has a space 应评未评 in 许昌\'s last round: the due job handed it in, it went through the chain and was published 不合格 for it', async () => {
    const xc = await as('xc_admin');
    const year = Number((await q<{ y: number }>(`select max(year)::int as y from calls`))[0]!.y);
    const round = ((await ok(xc.get('/api/evaluation/rounds?pageSize=50'))).items as Json[]).find((r) => r.title === `许昌市${year - 1}年度众创空间评价`);
    const page = await ok(xc.get(`/api/evaluation/rounds/${round.id}/entries?pageSize=50`));
    const missed = (page.items as Json[]).filter((e) => e.missed);
    expect(missed).toEqual([expect.objectContaining({ space: expect.objectContaining({ name: MISSED_EVALUATION_SPACE }), status: 'filed', grade: 'fail', summaryDone: false })]);
    expect(missed[0].gradeReason.zh).toMatch(/^应评未评：未在截止时间前提交/);
    // Every other space handed its evaluation in; the round counts the one 应评未评 among the published.
    expect((page.items as Json[]).filter((e) => !e.missed).every((e) => e.summaryDone && e.status === 'filed')).toBe(true);
    expect(page.byStatus).toEqual([expect.objectContaining({ status: 'filed', missed: 1 })]);
    // The job's own traces: the platform's hand-in (no actor), the published grade, the operator told.
    const [trace] = await q<{ actor: string | null; grade: string; reason: string }>(
      `select e.actor_user_id as actor, g.grade, g.grade_reason->>'zh' as reason from application_events e join evaluation_grades g on g.submission_id = e.application_id
        where e.application_id = $1 and e.action = 'evaluation.missed'`,
      [missed[0].id],
    );
    expect(trace).toMatchObject({ actor: null, grade: 'fail' });
    expect(trace!.reason).toContain('应评未评');
    const inbox = (await ok((await as('yz_shenhou')).get('/api/notifications'))).items as Json[];
    expect(inbox.some((n) => n.title === '年度评价逾期未交')).toBe(true);
  });

  it('raises a proposal for 许昌\'s spaces graded 不合格 in both past years, with both grades as evidence', async () => {
    const rows = await q<{ name: string; refs: number }>(
      `select s.name, jsonb_array_length(p.evidence->'refs')::int as refs from revocation_proposals p join spaces s on s.id = p.space_id
        where p.ground = 'two_failing_years' and p.status = 'pending' order by s.name`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.refs).toBe(2);
    // 许昌 filed them, so 许昌市科技局 decides them: each is actionable by its admin and waits in its workbench.
    const xc = await as('xc_admin');
    const proposals = (await ok(xc.get('/api/revocation/proposals?status=pending&ground=two_failing_years'))).items as { filing: { level: string }; abilities: { start: boolean; dismiss: boolean } }[];
    expect(proposals).toHaveLength(rows.length);
    for (const p of proposals) expect(p).toMatchObject({ filing: { level: 'city' }, abilities: { start: true, dismiss: true } });
    const todos = (await ok(xc.get('/api/workbench'))).todos as { kind: string; count: number }[];
    expect(todos.find((x) => x.kind === 'revocation_proposals')?.count).toBe(rows.length);
  });

  it('has revocation proposals for two missed returns pending in 辽宁省科技厅\'s workbench, with their evidence', async () => {
    const proposals = (await ok((await as('ln_admin')).get('/api/revocation/proposals?status=pending'))).items as { ground: string; evidence: { refs: unknown[] } }[];
    expect(proposals.length).toBeGreaterThan(0);
    for (const p of proposals) expect(p).toMatchObject({ ground: 'two_missed_returns', evidence: { refs: [expect.anything(), expect.anything()] } });
    const todos = (await ok((await as('ln_admin')).get('/api/workbench'))).todos as { kind: string; count: number }[];
    expect(todos.find((x) => x.kind === 'revocation_proposals')?.count).toBe(proposals.length);
    // Past rounds stand on their own calendar: nothing reads 逾期未报 or 应评未评 as of a day still to come.
    const future = await q<{ n: number }>(`select ((select count(*) from return_values where missed_at > now()) + (select count(*) from evaluation_entries where missed_at > now()))::int as n`);
    expect(future).toEqual([{ n: 0 }]);
  });

  it('has services in the 许昌 roster spaces, the maker\'s orders in every state, and mentors with sessions this year meeting the ratio', async () => {
    const market = await ok((await as('maker_chen')).get('/api/services/search?regionPath=000000/410000/411000&pageSize=100'));
    expect(market.total).toBeGreaterThanOrEqual(9);
    const mine = await ok((await as('maker_chen')).get('/api/services/orders/mine?pageSize=100'));
    expect(Object.keys(mine.stateCounts).sort()).toEqual(['accepted', 'cancelled', 'declined', 'delivered', 'quoted', 'rated', 'requested']);
    const queue = await ok((await as('cg_zhineng')).get('/api/services/orders/queue?state=accepted'));
    expect(queue.items[0].actions).toEqual(['deliver']);
    const mentors = await ok((await as('cg_zhineng')).get('/api/mentors?kind=industry'));
    expect(mentors.items[0].sessionsThisYear).toBeGreaterThan(0);
    const ratio = await ok((await as('cg_zhineng')).get(`/api/mentors/spaces/${mentors.items[0].spaceId}/ratio`));
    expect(ratio).toMatchObject({ industryMentors: 1, met: true });
    expect(ratio.incubatees).toBeLessThanOrEqual(15);
    expect((await ok((await as('xc_admin')).get('/api/mentors/sessions'))).total).toBeGreaterThan(0);
  });

  it('gives each demo operator\'s own space a roster, services and mentors coaching its teams, kept out of the search until it is filed', async () => {
    for (const username of ['op_robot_admin', 'op_univ_admin', 'op_cg_admin']) {
      const op = await as(username);
      const roster = await ok(op.get('/api/roster/incubatees?pageSize=100'));
      expect(roster.total, username).toBeGreaterThanOrEqual(4);
      expect(roster.items.every((i: Json) => i.status === 'resident'), username).toBe(true);
      const catalogue = await ok(op.get('/api/services/catalogue?pageSize=100'));
      expect(catalogue.total, username).toBeGreaterThanOrEqual(3);
      const mentors = await ok(op.get('/api/mentors?pageSize=100'));
      expect(mentors.total, username).toBeGreaterThanOrEqual(2);
      expect(mentors.items.some((m: Json) => m.sessionsThisYear > 0), username).toBe(true);
      const names = catalogue.items.map((c: Json) => c.name);
      const market = await ok((await as('maker_chen')).get(`/api/services/search?q=${encodeURIComponent(names[0])}`));
      expect(market.items.map((c: Json) => c.name), username).not.toContain(names[0]);
    }
    // The maker's team is one of the robot space's incubatees, and orders its space's services.
    const robot = await ok((await as('op_robot_admin')).get('/api/roster/incubatees?pageSize=100'));
    expect(robot.items.map((i: Json) => i.name)).toContain('陈晨智能硬件创客团队');
    const mine = await ok((await as('maker_chen')).get('/api/services/orders/mine?pageSize=100'));
    expect(mine.items.filter((o: Json) => o.space.name === '沈阳智能机器人专业化众创空间').map((o: Json) => o.state).sort()).toEqual(['delivered', 'rated']);
  });

  it('shows the demo equipment\'s photos on the resource, as covers in the search and on a filed space\'s public page', async () => {
    const maker = await as('maker_chen');
    const found = await ok(maker.get(`/api/booking/resources/search?q=${encodeURIComponent('FDM')}&pageSize=50`));
    expect(found.items.length).toBeGreaterThan(0);
    for (const item of found.items) expect(item.coverPhotoId).toBeTruthy();
    const printer = await ok(maker.get(`/api/booking/resources/${found.items[0].id}`));
    expect(printer.photoIds).toHaveLength(2);
    expect(printer.photoIds[0]).toBe(found.items[0].coverPhotoId);
    const [space] = await q<{ id: string }>(`select id from spaces where name = '长葛智能装备众创空间'`);
    const page = await ok(new Agent(t.app).get(`/api/portal/spaces/${space!.id}`));
    const shown = page.resources.filter((r: Json) => r.photoIds.length);
    expect(shown.map((r: Json) => r.name).sort()).toEqual(['光固化 3D 打印机', '工业级 FDM 3D 打印机', '激光切割机', '路演厅'].sort());
    const photo = await new Agent(t.app).get(`/api/public/booking/resources/${shown[0].id}/photos/${shown[0].photoIds[0]}`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toContain('image/png');
  });

  it('has past events with their records in each demo space, public for the filed ones, and one open event with sign-ups and a waitlist', async () => {
    const held = await q<{ name: string; held: number; summarised: number; attended: number; roles: string[] }>(
      `select s.name, count(distinct e.id)::int as held, count(distinct e.id) filter (where e.summary is not null)::int as summarised,
              count(distinct g.id) filter (where g.checked_in_at is not null)::int as attended, array_agg(distinct e.role order by e.role) as roles
         from space_events e join spaces s on s.id = e.space_id left join event_signups g on g.event_id = e.id
        where e.status = 'held' group by s.name order by s.name`,
    );
    const names = ['沈阳智能机器人专业化众创空间', '金陵理工生物医药专业化众创空间', '长葛创新工场众创空间', '长葛智能装备众创空间', '神垕钧瓷文创众创空间', '禹州青年创业园众创空间'];
    expect(held.map((r) => r.name)).toEqual(expect.arrayContaining(names));
    for (const r of held.filter((x) => names.includes(x.name))) expect(r, r.name).toMatchObject({ held: 3, summarised: 3, roles: ['host', 'joint', 'organiser'] });
    expect(held.every((r) => r.attended > 0)).toBe(true);
    // The filed 许昌 space's record is public, with its attendance.
    const record = await ok(new Agent(t.app).get('/api/public/activities?pageSize=100'));
    const zhineng = record.items.filter((i: Json) => i.spaceName === '长葛智能装备众创空间');
    expect(zhineng).toHaveLength(3);
    expect(zhineng.every((i: Json) => i.attendance > 0)).toBe(true);

    const open = await ok((await as('op_robot_staff')).get('/api/events/managed?status=published&pageSize=100'));
    const contest = open.items.find((e: Json) => e.title === '协作机器人应用创新大赛（初赛）');
    expect(contest).toMatchObject({ capacity: 2, seatsTaken: 2 });
    const signups = await ok((await as('op_robot_staff')).get(`/api/events/${contest.id}/signups`));
    expect(signups.items.map((s: Json) => s.status)).toEqual(['confirmed', 'confirmed', 'waitlisted']);
    const mine = await ok((await as('maker_chen')).get('/api/events/signups/mine?pageSize=100'));
    expect(mine.items.find((s: Json) => s.event.id === contest.id)).toMatchObject({ status: 'waitlisted', waitlistPlace: 1 });
  });

  it('has a crowd challenge awarded after two teams\' solutions, two open ones (one in a filed 辽宁 space), funds and two investments in the roster', async () => {
    const awarded = await ok(new Agent(t.app).get('/api/portal/crowd/challenges?state=awarded'));
    expect(awarded.items[0]).toMatchObject({ solutionCount: 2, award: { teamName: '陈晨智能硬件创客团队', ipTerms: 'issuer' } });
    expect((await ok(new Agent(t.app).get('/api/portal/crowd/challenges?state=open'))).total).toBe(2);
    const liaoning = await ok((await as('ln_admin')).get('/api/crowd/jurisdiction'));
    expect(liaoning.items.find((r: Json) => r.challenges > 0)).toMatchObject({ spaceName: '沈阳浑南生物医药专业化众创空间', challenges: 1, open: 1 });
    expect((await ok((await as('expert_li')).get('/api/crowd/panel'))).total).toBe(2);
    const funds = await ok((await as('cg_zhineng')).get('/api/financing/funds'));
    expect(funds.items.map((f: Json) => f.kind).sort()).toEqual(['own', 'partner']);
    const funded = await ok((await as('cg_zhineng')).get('/api/financing/requests?state=funded'));
    expect(funded.total).toBe(2);
    const [row] = await q<{ n: number }>('select count(*)::int as n from financing_investments where roster_financing_id is not null');
    expect(row!.n).toBe(2);
  });

  it('has a roadshow call with published results, an open competition call the demo maker may apply to, and applications waiting for expert_li', async () => {
    const published = await ok(new Agent(t.app).get('/api/portal/pitches?state=published'));
    expect(published.total).toBe(1);
    expect(published.items[0].results.map((r: Json) => [r.rank, r.teamName, r.award])).toEqual([
      [1, '陈晨智能硬件创客团队', '最佳路演项目'],
      [2, '沈阳青创机器视觉创客团队', '优秀路演项目'],
    ]);
    const open = await ok((await as('maker_chen')).get('/api/pitches/open'));
    expect(open.items).toEqual([expect.objectContaining({ eventKind: 'competition', applicationCount: 2, canApply: true, myApplicationId: null })]);
    const pending = await ok((await as('expert_li')).get('/api/pitch-reviews?pending=true'));
    expect(pending.total).toBe(2);
  });

  it('records the demo operator and its parent company as one undertaking for the duplicate checks', async () => {
    const links = await ok((await as('ln_reviewer')).get('/api/entity-links'));
    expect(links.items).toEqual([expect.objectContaining({ usccA: '91210100MA0XR3P015', recordedBy: '辽宁省科学技术厅', canDelete: false })]);
    expect((await ok((await as('ln_admin')).get('/api/entity-links'))).items[0].canDelete).toBe(true);
  });

  it('has supports of 沈阳 and 辽宁 published, on a notice and in draft, with an overlapping city and province rent pair', async () => {
    const register = await ok(new Agent(t.app).get('/api/portal/supports?region=210000&sort=grantedOn'));
    expect(register.items.map((i: Json) => i.grantorName).sort()).toEqual(['沈阳市科学技术局', '沈阳市科学技术局', '沈阳市科学技术局', '辽宁省科学技术厅', '辽宁省科学技术厅']);
    const rents = register.items.filter((i: Json) => i.category === 'rent');
    expect(rents).toHaveLength(2);
    expect(rents[0].space.id).toBe(rents[1].space.id);
    const [first, second] = rents.sort((x: Json, y: Json) => (x.periodFrom < y.periodFrom ? -1 : 1));
    expect(second.periodFrom < first.periodTo).toBe(true);
    const city = await ok((await as('sy_admin')).get('/api/supports?pageSize=50'));
    const states = city.items.filter((i: Json) => i.grantor.name === '沈阳市科学技术局').map((i: Json) => i.status).sort();
    expect(states).toEqual(['draft', 'draft', 'on_notice', 'published', 'published', 'published']);
    // 沈阳's bureau also reads the province's supports for its spaces; the province reads them all.
    const province = await ok((await as('ln_admin')).get('/api/supports?pageSize=50'));
    expect(province.items.filter((i: Json) => i.grantor.name === '辽宁省科学技术厅').map((i: Json) => i.status).sort()).toEqual(['draft', 'on_notice', 'published', 'published']);
    expect(province.total).toBe(10);
  });

  it('has policy subscriptions made before the library came out, whose holders were told of the matching policies', async () => {
    const policies = await ok(new Agent(t.app).get('/api/public/policies?pageSize=50'));
    const titleOf = new Map<string, string>(policies.items.map((p: Json) => [p.id, p.title]));
    // The five seed documents are published policies of the library (许昌's guide since expired).
    expect(
      ['国务院办公厅关于加快众创空间发展服务实体经济转型升级的指导意见', '专业化众创空间建设工作指引', '省科技厅关于组织开展2018年国家专业化众创空间备案推荐工作的通知', '辽宁省专业化众创空间建设工作指引（试行）', '许昌市发展众创空间工作指引（试行）'].map(
        (title) => policies.items.find((p: Json) => p.title === title && p.kind === 'policy')?.status,
      ),
    ).toEqual(['published', 'published', 'published', 'published', 'published']);
    const told = async (username: string) => {
      const agent = await as(username);
      const subscriptions = await ok(agent.get('/api/policy-subscriptions'));
      const notices = await ok(agent.get('/api/notifications?pageSize=100'));
      const links = notices.items.map((n: Json) => n.link).filter((l: string | null) => l?.startsWith('/portal/policies/'));
      return { subscriptions: subscriptions.items.length, titles: links.map((l: string) => titleOf.get(l.split('/').pop()!)).sort() };
    };
    // 长葛's operator follows 众创空间 in 许昌 and the country above it: 许昌's guide and the national texts, never 辽宁's.
    const cg = await told('op_cg_admin');
    expect(cg.subscriptions).toBe(1);
    expect(cg.titles).toContain('国务院办公厅关于加快众创空间发展服务实体经济转型升级的指导意见');
    expect(cg.titles.some((title: string) => title.includes('许昌'))).toBe(true);
    expect(cg.titles.some((title: string) => title.includes('辽宁'))).toBe(false);
    expect(new Set(cg.titles).size).toBe(cg.titles.length);
    // The maker follows talent policies: the State Council's opinion (科研人员保留人事关系) only.
    expect((await told('maker_chen')).titles).toEqual(['国务院办公厅关于加快众创空间发展服务实体经济转型升级的指导意见']);
  });

  it('leaves the browser tests\' demo operators without applications', async () => {
    const [row] = await q<{ n: number }>(
      `select count(*)::int as n from applications a join organisations o on o.id = a.operator_org_id
        where o.name in ('沈阳新锐智造众创科技有限公司', '南京金陵理工科技园发展有限公司', '长葛市创新工场企业管理有限公司')`,
    );
    expect(row!.n).toBe(0);
  });
});
