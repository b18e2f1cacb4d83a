import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { signIn } from '../../../test/helpers/agent.ts';
import { verify } from '../../modules/audit/index.ts';
import { scanSupports } from '../../modules/dupcheck/index.ts';
import { TRANSITIONS } from '../../modules/workflow/index.ts';
import type { ChainDefinition } from '../../modules/chains/index.ts';
import { CATALOGUE_2026 } from '../../modules/returns/catalogue-2026.ts';
import { acceptedPage, type AcceptedKey } from '../../modules/returns/repository.ts';
import { evaluateReturn, type ReturnValues } from '../../modules/returns/rules.ts';
import ExcelJS from 'exceljs';
import { AppError } from '../../shared/errors.ts';
import { isValidUscc } from '../../shared/validation/uscc.ts';
import { LAST_YEAR, seedScale, seedScaleStep, SIZES } from './index.ts';
import { chainSteps, CHAIN_OF_LEVEL, planCareers, WORKLIST_CHAIN } from './plan.ts';
import { queryRows } from './sql-helpers.ts';

const size = SIZES.smoke;

describe('seed --scale (smoke size, beside the demo)', () => {
  let t: TestApp;
  let summary: Awaited<ReturnType<typeof seedScale>>;
  const rows = (table: string) => summary.tables.find((x) => x.table === table)!.rows;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    summary = await seedScale(t.ctx, 'smoke');
  });
  afterAll(() => t?.close());

  it('loads about the counts SIZES gives', async () => {
    const near = (actual: number, target: number) => expect(actual, `${actual} vs ${target}`).toBeGreaterThan(target * 0.6);
    // The generated operators' codes carry MB where the organisation code starts (the demo's do not).
    const [spaces] = await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from spaces s join organisations o on o.id = s.operator_org_id where substr(o.uscc, 9, 2) = 'MB'`);
    expect(spaces!.n).toBe(size.spaces);
    near(rows('applications'), size.targets.applications);
    near(rows('application_events'), size.targets.applicationEvents);
    near(rows('application_attachments'), size.targets.attachments);
    near(rows('public_notices'), size.targets.notices);
    near(rows('decisions'), size.targets.decisions);
    // The generator inserts decisions in SQL without their call and space: the trigger copies the application's.
    const [astray] = await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from decisions d join applications a on a.id = d.application_id where d.call_id <> a.call_id or d.space_id <> a.space_id`);
    expect(astray!.n).toBe(0);
    near(rows('audit_log'), size.targets.auditRows);
    expect(rows('incubatees')).toBe(size.spaces * size.incubateesPerSpace);
    expect(summary.sealed).toBeGreaterThanOrEqual(rows('audit_log'));
  });

  it('files a return for every filed space in each round, consistent with the catalogue, the last rounds partly filed', async () => {
    const returns = await queryRows<{ values: ReturnValues; level: 'city' | 'province' | 'national'; cadence: string; period: string; status: string; accepted: boolean; missed: boolean; current: boolean }>(
      t.ctx.db,
      sql`select v.values, v.values->>'filing_level' as level, r.cadence, r.period, a.status, v.accepted_at is not null as accepted, v.missed_at is not null as missed,
          r.missed_at is null as current
        from return_values v join applications a on a.id = v.submission_id join return_rounds r on r.call_id = v.call_id
        where a.kind = 'annual_return'`,
    );
    expect(rows('return_values')).toBe(returns.length);
    expect(new Set(returns.map((r) => r.period.slice(0, 4)))).toEqual(new Set(['2025', '2026']));
    for (const r of returns) {
      const errors = evaluateReturn(CATALOGUE_2026, { values: r.values, spaceLevel: r.level }).filter((f) => f.severity !== 'info');
      expect(errors, JSON.stringify(r.values)).toEqual([]);
      expect(r.accepted).toBe(r.status === 'filed');
      if (!r.current) expect(r.accepted || r.missed).toBe(true);
      if (r.cadence === 'quarterly') expect(r.level).toBe('national');
    }
    const current = returns.filter((r) => r.current && r.cadence === 'annual');
    expect(current.some((r) => r.status === 'draft')).toBe(true);
    expect(current.some((r) => r.status !== 'draft' && !r.accepted)).toBe(true);
    // Every filed space of the province is enrolled in the last annual round.
    const [filed] = await queryRows<{ n: number }>(t.ctx.db, sql`select count(distinct space_id)::int as n from filings where status = 'active' and filed_at < '2026-11-20'`);
    expect(current.length).toBe(filed!.n);
  });

  it('gives each generated return the history a real one has: its chain steps, the county’s return, a round per hand-in, shown on its page', async () => {
    // Every return's events run from its creation to its present state, in order, each move one the kernel allows.
    const histories = await queryRows<{ id: string; status: string; stage_key: string | null; province: string; actions: string[]; from_statuses: (string | null)[]; to_statuses: string[]; rounds: number }>(
      t.ctx.db,
      sql`select a.id, a.status, a.stage_key, 'a' || left(s.region_code, 2) || '0000_admin' as province,
          array_agg(e.action order by e.at, e.id) as actions, array_agg(e.from_status order by e.at, e.id) as from_statuses, array_agg(e.to_status order by e.at, e.id) as to_statuses,
          (select count(*)::int from submission_rounds sr where sr.submission_id = a.id) as rounds
        from applications a join spaces s on s.id = a.space_id join application_events e on e.application_id = a.id
        where a.kind = 'annual_return' and s.operator_org_id in (select o.id from organisations o where substr(o.uscc, 9, 2) = 'MB')
        group by a.id, s.region_code`,
    );
    expect(histories).toHaveLength(rows('return_values'));
    const moves = new Set(['create', 'submit', 'review.pass', 'decision.approve', 'review.return']);
    for (const h of histories) {
      expect(h.actions[0]).toBe('create');
      expect(h.to_statuses.at(-1), h.id).toBe(h.status);
      for (let i = 1; i < h.actions.length; i++) expect(h.from_statuses[i], `${h.id} ${h.actions[i]}`).toBe(h.to_statuses[i - 1]);
      expect(h.actions.every((a) => moves.has(a))).toBe(true);
      expect(h.rounds).toBe(h.status === 'draft' ? 0 : 1);
    }
    const byStatus = (status: string) => histories.find((h) => h.status === status)!;
    expect(byStatus('filed').actions).toEqual(['create', 'submit', 'review.pass', 'review.pass', 'decision.approve']);
    expect(byStatus('returned').actions).toEqual(['create', 'submit', 'review.return']);
    // The page of an accepted return, as its province reads it: the steps with their stages and who took them, the round handed in.
    const accepted = byStatus('filed');
    const page = await (await signIn(t.app, accepted.province)).get(`/api/returns/${accepted.id}`);
    expect(page.statusCode, page.body).toBe(200);
    const detail = page.json();
    expect(detail.events.map((e: { action: string; stage: { key: string } | null }) => [e.action, e.stage?.key ?? null])).toEqual([
      ['create', null],
      ['submit', null],
      ['review.pass', 'county_check'],
      ['review.pass', 'city_check'],
      ['decision.approve', 'province_accept'],
    ]);
    expect(detail.events.every((e: { actor: { name: string } | null }) => e.actor?.name)).toBe(true);
    expect(detail.rounds).toHaveLength(1);
    // The round holds the figures in the catalogue's units, as the page shows them: the next round's diff starts from there.
    const [handedIn] = await queryRows<{ payload: { values: Record<string, unknown> } }>(t.ctx.db, sql`select payload from submission_rounds where submission_id = ${accepted.id}`);
    expect(handedIn!.payload.values).toEqual(detail.values);
  });

  it('reads a round’s accepted returns in keyset pages, each once and in order, and the ministry exports its national round whole', async () => {
    const [round] = await queryRows<{ call_id: string; n: number }>(
      t.ctx.db,
      sql`select v.call_id, count(*)::int as n from return_values v join calls c on c.id = v.call_id where v.accepted_at is not null and c.region_code = '000000' group by 1 order by 2 desc limit 1`,
    );
    expect(round!.n).toBeGreaterThan(1);
    const all = await acceptedPage(t.ctx.db, round!.call_id, '000000', null, 100_000);
    const paged: typeof all = [];
    for (let after: AcceptedKey | null = null; ; ) {
      const page = await acceptedPage(t.ctx.db, round!.call_id, '000000', after, 1);
      paged.push(...page);
      if (page.length < 1) break;
      after = { path: page.at(-1)!.path, spaceName: page.at(-1)!.spaceName, spaceId: page.at(-1)!.spaceId };
    }
    expect(paged.map((r) => r.spaceId)).toEqual(all.map((r) => r.spaceId));
    expect(all).toHaveLength(round!.n);
    const ministry = await signIn(t.app, 'a000000_admin');
    const res = await ministry.get(`/api/returns/rounds/${round!.call_id}/accepted.xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('汇总')!;
    expect(sheet.rowCount).toBe(round!.n + 1);
    expect(sheet.getRow(2).getCell(2).value).toBe(all[0]!.spaceName);
  });

  it('gives the roster entrants every year and deregistrations among the leavers, so survival cohorts mean something', async () => {
    const years = await queryRows<{ year: number; entrants: number; deregistered: number; resident: number }>(
      t.ctx.db,
      sql`select extract(year from entry_date)::int as year, count(*)::int as entrants, count(*) filter (where i.status = 'deregistered')::int as deregistered,
          count(*) filter (where i.status = 'resident')::int as resident
        from incubatees i join spaces s on s.id = i.space_id join organisations o on o.id = s.operator_org_id where substr(o.uscc, 9, 2) = 'MB' group by 1 order by 1`,
    );
    expect(years.map((y) => y.year)).toEqual([2023, 2024, 2025, 2026]);
    expect(years.reduce((n, y) => n + y.deregistered, 0)).toBeGreaterThan(0);
    // The first cohort has mostly left by now; the last is mostly still in.
    expect(years[0]!.resident / years[0]!.entrants).toBeLessThan(years.at(-1)!.resident / years.at(-1)!.entrants);
  });

  it('gives the spaces shared resources with rules and a year of bookings inside their opening hours, none overlapping', async () => {
    const generated = sql`(select s.id from spaces s join organisations o on o.id = s.operator_org_id where substr(o.uscc, 9, 2) = 'MB')`;
    const [counts] = await queryRows<{ resources: number; ruled: number; bookings: number; past: number; ahead: number; completed: number; strikes: number; makers: number }>(
      t.ctx.db,
      sql`select (select count(*)::int from booking_resources where space_id in ${generated}) as resources,
          (select count(distinct resource_id)::int from booking_rules r join booking_resources x on x.id = r.resource_id where x.space_id in ${generated}) as ruled,
          count(*)::int as bookings, count(*) filter (where b.starts_at < now())::int as past, count(*) filter (where b.starts_at > now() and b.status in ('confirmed', 'pending'))::int as ahead,
          count(*) filter (where b.status = 'completed' and b.charge_fen > 0 and b.used_minutes > 0)::int as completed, count(*) filter (where b.strike)::int as strikes,
          count(distinct b.user_id) filter (where b.user_group = 'outside_maker')::int as makers
        from bookings b where b.space_id in ${generated}`,
    );
    expect(counts!.resources).toBe(size.platform.resources);
    expect(counts!.ruled).toBe(size.platform.resources);
    expect(counts!.bookings).toBe(size.platform.bookings);
    expect(counts!.past).toBeGreaterThan(counts!.ahead);
    expect(counts!.ahead).toBeGreaterThan(0);
    expect(counts!.completed).toBeGreaterThan(counts!.past / 2);
    expect(counts!.strikes).toBeGreaterThan(0);
    expect(counts!.makers).toBeGreaterThan(size.platform.makers / 2);
    // Every booking lies within its resource's opening hours of its (Shanghai) weekday, and no two of one resource overlap whatever their status.
    const [outside] = await queryRows<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from bookings b join booking_resources x on x.id = b.resource_id
        cross join lateral (select x.opening_hours -> (extract(isodow from b.starts_at at time zone 'Asia/Shanghai')::int - 1) as h,
          extract(hour from b.starts_at at time zone 'Asia/Shanghai') * 60 + extract(minute from b.starts_at at time zone 'Asia/Shanghai') as from_min) o
        where b.space_id in ${generated} and (jsonb_typeof(o.h) <> 'object' or o.from_min < (o.h ->> 'open')::int
          or o.from_min + extract(epoch from b.ends_at - b.starts_at) / 60 > (o.h ->> 'close')::int)`,
    );
    expect(outside!.n).toBe(0);
    const [overlapping] = await queryRows<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from bookings a join bookings b on b.resource_id = a.resource_id and b.id <> a.id and b.held && a.held where a.space_id in ${generated}`,
    );
    expect(overlapping!.n).toBe(0);
  });

  it('gives the spaces a year of events with sign-ups: held ones with check-ins, open ones with seats taken and waitlists', async () => {
    const [e] = await queryRows<{ events: number; signups: number; held: number; open: number; attended: number; waitlisted: number; bad_seats: number; kinds: number; roles: number }>(
      t.ctx.db,
      sql`select count(distinct e.id)::int as events, count(s.id)::int as signups, count(distinct e.id) filter (where e.status = 'held')::int as held,
          count(distinct e.id) filter (where e.status = 'published' and e.signup_closes_at > now())::int as open,
          count(s.id) filter (where s.checked_in_at is not null)::int as attended, count(s.id) filter (where s.status = 'waitlisted')::int as waitlisted,
          count(distinct e.id) filter (where e.seats_taken <> (select count(*) from event_signups x where x.event_id = e.id and x.status in ('confirmed', 'offered')))::int as bad_seats,
          count(distinct e.kind)::int as kinds, count(distinct e.role)::int as roles
        from space_events e join users u on u.id = e.created_by left join event_signups s on s.event_id = e.id where u.username like 'op%'`,
    );
    expect(e!.events).toBe(size.platform.events);
    expect(e!.signups).toBeGreaterThan(size.platform.signups * 0.9);
    expect(e!.held).toBeGreaterThan(e!.open);
    expect(e!.open).toBeGreaterThan(0);
    expect(e!.attended).toBeGreaterThan(0);
    expect(e!.waitlisted).toBeGreaterThan(0);
    expect(e!.bad_seats).toBe(0);
    expect([e!.kinds, e!.roles]).toEqual([6, 3]);
  });

  it('lets a generated maker find resources platform-wide and open events, and anyone read the activity register', async () => {
    const maker = await signIn(t.app, 'mk1');
    const resources = await maker.get(`/api/booking/resources/search?q=${encodeURIComponent('打印')}&regionCode=410000`);
    expect(resources.statusCode, resources.body).toBe(200);
    expect(resources.json().total).toBeGreaterThan(0);
    const open = await maker.get('/api/events/open');
    expect(open.statusCode, open.body).toBe(200);
    expect(open.json().total).toBeGreaterThan(0);
    const activities = await t.app.inject({ method: 'GET', url: '/api/public/activities' });
    expect(activities.statusCode, activities.body).toBe(200);
    expect(activities.json().total).toBeGreaterThan(0);
  });

  it('leaves a sealed audit chain that verifies', async () => {
    const result = await verify(t.ctx);
    expect(result.ok).toBe(true);
    expect(result.pending ?? 0).toBe(0);
  });

  it('puts every application at a state and stage its pinned chain reaches, files only approved ones, and keeps region paths', async () => {
    const apps = await queryRows<{ id: string; status: string; stage_key: string | null; round: number; definition: ChainDefinition; filed: boolean; in_region: boolean }>(
      t.ctx.db,
      sql`select a.id, a.status, a.stage_key, a.round, ch.definition,
          exists (select 1 from filings f where f.application_id = a.id) as filed,
          (sr.path = cr.path or sr.path like cr.path || '/%') as in_region
        from applications a join calls c on c.id = a.call_id join chains ch on ch.id = c.chain_id
        join spaces s on s.id = a.space_id join regions sr on sr.code = s.region_code join regions cr on cr.code = c.region_code
        where a.kind = 'filing'`,
    );
    expect(apps.length).toBeGreaterThan(0);
    for (const a of apps) {
      expect(Object.keys(TRANSITIONS)).toContain(a.status);
      if (a.status === 'draft') expect(a.stage_key).toBeNull();
      else expect(a.definition.stages.map((s) => s.key)).toContain(a.stage_key);
      expect(a.filed).toBe(a.status === 'filed');
      expect(a.round).toBe(a.status === 'draft' ? 0 : 1);
      expect(a.in_region).toBe(true);
    }
    // Every recorded move is one the transition table allows.
    const moves = await queryRows<{ action: string; from_status: string | null; to_status: string }>(
      t.ctx.db,
      sql`select distinct e.action, e.from_status, e.to_status from application_events e join applications a on a.id = e.application_id`,
    );
    for (const m of moves) if (m.from_status) expect(Object.values(TRANSITIONS[m.from_status as keyof typeof TRANSITIONS])).toContain(m.to_status);
  });

  it('gives operators and registered incubatees valid social credit codes', async () => {
    const codes = await queryRows<{ uscc: string }>(t.ctx.db, sql`select uscc from organisations where uscc is not null union all select uscc from incubatees where uscc is not null`);
    expect(codes.length).toBeGreaterThan(size.spaces);
    expect(codes.filter((c) => !isValidUscc(c.uscc))).toEqual([]);
  });

  it('lets the authorities and the audit admin read their lists', async () => {
    const province = await signIn(t.app, 'a410000_admin');
    const queue = await province.get('/api/review/queue');
    expect(queue.statusCode, queue.body).toBe(200);
    const city = await signIn(t.app, `a${(await queryRows<{ code: string }>(t.ctx.db, sql`select c.region_code as code from calls c join users u on u.username = 'a' || c.region_code || '_reviewer' where c.level = 'city' limit 1`))[0]!.code}_reviewer`);
    const cityQueue = await city.get('/api/review/queue');
    expect(cityQueue.statusCode, cityQueue.body).toBe(200);
    expect(cityQueue.json().total).toBeGreaterThan(0);
    expect((await province.get('/api/notices')).statusCode).toBe(200);
    const lists = await province.get('/api/public/filing-lists');
    expect(lists.statusCode, lists.body).toBe(200);
    const auditor = await signIn(t.app, 'scale_audit');
    const log = await auditor.get('/api/audit?pageSize=50');
    expect(log.statusCode, log.body).toBe(200);
    expect(log.json().total).toBeGreaterThan(rows('audit_log') - 1);
  });

  it('holds one national call whose decision and notice stages the ministry pages through', async () => {
    const ministry = await signIn(t.app, 'a000000_admin');
    const [call] = await queryRows<{ id: string }>(t.ctx.db, sql`select c.id from calls c join chains ch on ch.id = c.chain_id where ch.key = ${WORKLIST_CHAIN.key}`);
    const decisions = await ministry.get(`/api/decisions/candidates?callId=${call!.id}&stageKey=national_decision&pageSize=1`);
    expect(decisions.statusCode, decisions.body).toBe(200);
    expect(decisions.json()).toMatchObject({ total: size.worklist.decision, items: [expect.anything()] });
    // Some carry a pending decision, and each of those was recorded in the audit log.
    const { pending } = decisions.json();
    expect(pending).toBeGreaterThan(0);
    expect(pending).toBeLessThanOrEqual(size.worklist.decision);
    const [audited] = await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from audit_log where action = 'decision.record' and object_type = 'decision'`);
    expect(audited!.n).toBeGreaterThanOrEqual(pending);
    const notices = await ministry.get(`/api/notices/candidates?callId=${call!.id}&stageKey=national_notice&pageSize=1`);
    expect(notices.statusCode, notices.body).toBe(200);
    expect(notices.json().total).toBe(size.worklist.notice);
    // Those at the decision stage passed a notice of the ministry's, now concluded with their entries cleared.
    const [notice] = await queryRows<{ status: string; entries: number; cleared: number }>(
      t.ctx.db,
      sql`select n.status, count(*)::int as entries, (count(*) filter (where e.outcome = 'cleared'))::int as cleared
        from public_notices n join notice_entries e on e.notice_id = n.id where n.call_id = ${call!.id} group by n.id`,
    );
    expect(notice).toEqual({ status: 'concluded', entries: size.worklist.decision, cleared: size.worklist.decision });
  });

  it('is refused a second time, and nothing changes', async () => {
    const before = await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from applications`);
    await expect(seedScale(t.ctx, 'smoke')).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'CONFLICT');
    expect(await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from applications`)).toEqual(before);
  });

  it('grants supports over the filed spaces, citing a published policy item of the grantor, and the register agrees with the returns but for a few', async () => {
    const [s] = await queryRows<{ n: number; operator: number; host: number; incubatee: number; filed: number; cited: number; own: number; bad: number; published: number; draft: number }>(
      t.ctx.db,
      sql`select count(*)::int as n, (count(*) filter (where su.beneficiary_role = 'operator'))::int as operator, (count(*) filter (where su.beneficiary_role = 'host'))::int as host,
          (count(*) filter (where su.beneficiary_role = 'incubatee'))::int as incubatee,
          (count(*) filter (where exists (select 1 from filings f where f.space_id = su.space_id and extract(year from f.filed_at) <= extract(year from su.granted_on))))::int as filed,
          (count(*) filter (where i.category = su.category and p.status = 'published' and p.region_code = su.grantor_region_code))::int as cited,
          (count(*) filter (where o.region_code = su.grantor_region_code and o.kind in ('authority', 'recommending_unit')))::int as own,
          (count(*) filter (where su.beneficiary_uscc !~ '^91'))::int as bad,
          (count(*) filter (where su.status = 'published'))::int as published, (count(*) filter (where su.status = 'draft'))::int as draft
        from supports su join policy_support_items i on i.id = su.support_item_id join policies p on p.id = su.policy_id and p.id = i.policy_id
        join organisations o on o.id = su.grantor_org_id
        join spaces sp on sp.id = su.space_id join organisations op on op.id = sp.operator_org_id and substr(op.uscc, 9, 2) = 'MB'`,
    );
    expect(s!.n, `${s!.n} vs ${size.supports}`).toBeGreaterThan(size.supports * 0.6);
    expect(s!.n).toBeLessThan(size.supports * 1.4);
    expect([s!.filed, s!.cited, s!.own]).toEqual([s!.n, s!.n, s!.n]);
    expect(s!.bad).toBe(0);
    expect(s!.operator / s!.n).toBeGreaterThan(0.1);
    // Smoke rosters are 6 a space (2 or 3 resident a year), so incubatees get fewer slots than at national size.
    expect(s!.incubatee / s!.n).toBeGreaterThan(0.25);
    expect(s!.host).toBeGreaterThan(0);
    expect(s!.published + s!.draft).toBe(s!.n);
    const beneficiaries = await queryRows<{ uscc: string }>(t.ctx.db, sql`select distinct beneficiary_uscc as uscc from supports`);
    expect(beneficiaries.filter((b) => !isValidUscc(b.uscc))).toEqual([]);
    const [p] = await queryRows<{ n: number; revised: number; searchable: number }>(
      t.ctx.db,
      sql`select count(*)::int as n, (count(*) filter (where validity = 'revised' and replaced_by_id is not null))::int as revised,
          (count(*) filter (where search_text like '%众创空间%' and title ~ '[一-龥]'))::int as searchable from policies where index_no like '%/%-0000%'`,
    );
    expect(p!.n).toBeGreaterThan(size.targets.policies * 0.6);
    expect(p!.revised * 2).toBe(p!.n);
    expect(p!.searchable).toBe(p!.n);
    // The full duplicate scan: only the planted overlaps and D4's awards over their cap; D6 finds the returns the register does not match.
    const scan = await scanSupports(t.ctx.db, { full: true, supportIds: [], returnIds: [] });
    expect(scan.found).toBeLessThan(s!.n * 0.05);
    const [d6] = await queryRows<{ n: number; returns: number }>(
      t.ctx.db,
      sql`select (select count(*)::int from support_alerts where rule = 'D6' and space_id in (select space_id from supports)) as n,
          (select count(*)::int from return_values rv join return_rounds rr on rr.call_id = rv.call_id where rr.cadence = 'annual' and rv.accepted_at is not null) as returns`,
    );
    expect(d6!.n).toBeLessThan(d6!.returns * 0.1);
  });

  it('grades the filed spaces over the past evaluation years by the scheme’s bands, with two-year failures raising their proposals', async () => {
    const years = Array.from({ length: size.evaluationYears }, (_, i) => LAST_YEAR - size.evaluationYears + i);
    const grades = await queryRows<{ year: number; grade: string; total: number | null; missed: boolean; bands: { grade: string; minScore: number }[]; filed: boolean; entry: string; app: string; listed: boolean; reason: string }>(
      t.ctx.db,
      sql`select g.year, g.grade, g.total::float as total, e.missed_at is not null as missed, s.definition->'bands' as bands, e.grade = g.grade and e.total is not distinct from g.total as entry,
          a.status || ':' || a.kind || ':' || a.stage_key as app, g.grade_reason->>'zh' as reason,
          exists (select 1 from filings f where f.space_id = g.space_id and f.status = 'active' and f.filed_at < c.opens_at) as filed,
          exists (select 1 from filing_list_entries le join filing_lists l on l.id = le.list_id where le.list_id = g.list_id and le.application_id = g.submission_id and l.level = g.level) as listed
        from evaluation_grades g join evaluation_entries e on e.submission_id = g.submission_id join evaluation_rounds r on r.call_id = g.call_id
        join evaluation_schemes s on s.id = r.scheme_id join calls c on c.id = g.call_id join applications a on a.id = g.submission_id`,
    );
    expect(rows('evaluation_grades')).toBe(grades.length);
    expect(rows('evaluation_entries')).toBe(grades.length);
    expect(new Set(grades.map((g) => g.year))).toEqual(new Set(years.filter((y) => grades.some((g) => g.year === y))));
    expect(grades.filter((g) => !g.filed || !g.entry || !g.listed || g.app !== 'filed:evaluation:province_decision')).toEqual([]);
    for (const g of grades) {
      if (g.missed) expect([g.grade, g.total, g.reason]).toEqual(['fail', null, '应评未评：未在截止时间前提交年度评价材料，评为不合格']);
      else expect(g.grade, `${g.total}`).toBe(g.bands.find((b) => g.total! >= b.minScore)?.grade ?? 'fail');
    }
    expect(grades.some((g) => g.grade === 'pass') && grades.some((g) => g.grade === 'fail')).toBe(true);
    // No band holds more than its quota admits in its round, as scoring.ts grades.
    const over = await queryRows(
      t.ctx.db,
      sql`select e.call_id, b->>'grade' as grade from evaluation_entries e join evaluation_rounds r on r.call_id = e.call_id join evaluation_schemes s on s.id = r.scheme_id
        cross join lateral jsonb_array_elements(s.definition->'bands') b
        where b ? 'maxShare' group by e.call_id, b
        having count(*) filter (where e.grade = b->>'grade') > floor((b->>'maxShare')::numeric * count(*))`,
    );
    expect(over).toEqual([]);
    expect(grades.filter((g) => g.grade === 'fail').length / grades.length).toBeLessThan(0.1);
    // Every space enrolled at each round's opening: those filed then are all graded.
    const [enrolled] = await queryRows<{ missing: number }>(
      t.ctx.db,
      sql`select count(*)::int as missing from evaluation_rounds r join calls c on c.id = r.call_id
        join spaces s on s.category = c.eligible_categories->>0 and exists (select 1 from filings f where f.space_id = s.id and f.status = 'active' and f.filed_at < c.opens_at)
        join regions sr on sr.code = s.region_code and split_part(sr.path, '/', 2) = c.region_code
        where not exists (select 1 from evaluation_grades g where g.call_id = r.call_id and g.space_id = s.id)`,
    );
    expect(enrolled!.missing).toBe(0);
    // Two consecutive 不合格 only where the step means them (the last two years), each with its pending proposal when the space holds a provincial filing.
    const pairs = await queryRows<{ space_id: string; year: number; proposal: string | null; province: boolean }>(
      t.ctx.db,
      sql`select a.space_id, b.year, p.status as proposal, exists (select 1 from filings f where f.space_id = a.space_id and f.level = 'province' and f.status = 'active') as province
        from evaluation_grades a join evaluation_grades b on b.space_id = a.space_id and b.level = a.level and b.year = a.year + 1
        left join revocation_proposals p on p.space_id = a.space_id and p.ground = 'two_failing_years'
        where a.grade = 'fail' and b.grade = 'fail'`,
    );
    expect(pairs.length).toBeGreaterThan(0);
    expect(pairs.filter((p) => p.year !== LAST_YEAR - 1 || (p.proposal ?? 'none') !== (p.province ? 'pending' : 'none'))).toEqual([]);
    expect(await queryRows(t.ctx.db, sql`select 1 from revocation_proposals where ground = 'two_failing_years' and space_id not in (select a.space_id from evaluation_grades a join evaluation_grades b on b.space_id = a.space_id and b.year = a.year + 1 where a.grade = 'fail' and b.grade = 'fail')`)).toEqual([]);
  });

  it('lets the province read its rounds, a round’s entries by total and by grade, and a space’s grades over the years', async () => {
    const province = await signIn(t.app, 'a410000_admin');
    const list = await province.get('/api/evaluation/rounds?page=1&pageSize=50');
    expect(list.statusCode, list.body).toBe(200);
    const rounds = list.json().items as { id: string; year: number; own: boolean; distribution: Record<string, number> }[];
    const [counts] = await queryRows<{ rounds: number }>(t.ctx.db, sql`select count(*)::int as rounds from evaluation_rounds`);
    expect(rounds.length).toBe(counts!.rounds);
    const latest = rounds.filter((r) => r.year === LAST_YEAR - 1).sort((a, b) => Object.values(b.distribution).reduce((n, x) => n + x, 0) - Object.values(a.distribution).reduce((n, x) => n + x, 0))[0]!;
    expect(latest.own).toBe(true);
    const graded = Object.values(latest.distribution).reduce((n, x) => n + x, 0);
    expect(latest.distribution.unscored).toBe(0);
    const page = await province.get(`/api/evaluation/rounds/${latest.id}/entries?page=1&pageSize=20&sort=total&order=desc`);
    expect(page.statusCode, page.body).toBe(200);
    const entries = page.json() as { total: number; items: { total: number | null; grade: string; status: string; score: { total: number } | null }[]; round: { distribution: Record<string, number> } };
    expect(entries.total).toBe(graded);
    expect(entries.round.distribution).toEqual(latest.distribution);
    const totals = entries.items.map((i) => i.total ?? -1);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(entries.items.every((i) => i.status === 'filed' && (i.total === null || i.score?.total === i.total))).toBe(true);
    const fails = await province.get(`/api/evaluation/rounds/${latest.id}/entries?page=1&pageSize=20&grade=fail`);
    expect(fails.statusCode, fails.body).toBe(200);
    expect(fails.json().total).toBe(latest.distribution.fail);
    const [failing] = await queryRows<{ space_id: string }>(t.ctx.db, sql`select space_id from revocation_proposals where ground = 'two_failing_years' limit 1`);
    if (failing) {
      const timeline = await province.get(`/api/spaces/${failing.space_id}/timeline`);
      expect(timeline.statusCode, timeline.body).toBe(200);
      expect((timeline.json().grades as { grade: string }[]).filter((g) => g.grade === 'fail').length).toBeGreaterThanOrEqual(2);
    }
    // The proposals wait in the province's list with their evidence; an operator reads its published grades.
    const proposals = await province.get('/api/revocation/proposals?page=1&pageSize=50&ground=two_failing_years&status=pending');
    expect(proposals.statusCode, proposals.body).toBe(200);
    const [raised] = await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from revocation_proposals where ground = 'two_failing_years'`);
    expect(proposals.json().total).toBe(raised!.n);
    expect((proposals.json().items as { evidence: { refs: unknown[] } }[]).every((p) => p.evidence.refs.length === 2)).toBe(true);
    const [operator] = await queryRows<{ username: string; n: number }>(
      t.ctx.db,
      sql`select u.username, count(*)::int as n from evaluation_grades g join spaces s on s.id = g.space_id join users u on u.org_id = s.operator_org_id and u.username like 'op%_admin'
        group by u.username order by 2 desc, 1 limit 1`,
    );
    const mine = await (await signIn(t.app, operator!.username)).get('/api/evaluation/mine');
    expect(mine.statusCode, mine.body).toBe(200);
    expect((mine.json().items as { grade: string | null }[]).filter((i) => i.grade).length).toBe(operator!.n);
    // A city sees the province's rounds, counted within its own jurisdiction only.
    const city = await signIn(t.app, `a${(await queryRows<{ code: string }>(t.ctx.db, sql`select c.region_code as code from calls c join users u on u.username = 'a' || c.region_code || '_admin' where c.level = 'city' limit 1`))[0]!.code}_admin`);
    const cityList = await city.get('/api/evaluation/rounds?page=1&pageSize=50');
    expect(cityList.statusCode, cityList.body).toBe(200);
    expect((cityList.json().items as { own: boolean }[]).every((r) => !r.own)).toBe(true);
  });

  it('runs the evaluation step once: alone over the loaded data set it is refused, and nothing changes', async () => {
    const before = await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from evaluation_grades`);
    await expect(seedScaleStep(t.ctx, 'smoke', 'evaluation')).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'CONFLICT');
    expect(await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from evaluation_grades`)).toEqual(before);
  });

  it('is refused in production', async () => {
    await expect(seedScale({ ...t.ctx, config: { ...t.ctx.config, production: true } }, 'smoke')).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'FORBIDDEN');
  });
});

describe('seed --scale <size> --step evaluation alone', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ demo: true })));
  afterAll(() => t?.close());

  it('is refused where no scale data set is loaded, and in production, and writes nothing', async () => {
    await expect(seedScaleStep(t.ctx, 'smoke', 'evaluation')).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'CONFLICT');
    await expect(seedScaleStep({ ...t.ctx, config: { ...t.ctx.config, production: true } }, 'smoke', 'evaluation')).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'FORBIDDEN');
    expect(await queryRows(t.ctx.db, sql`select 1 from evaluation_grades union all select 1 from evaluation_rounds`)).toEqual([]);
  });
});

describe('the plan', () => {
  it('is the same on every run and climbs the levels in order', () => {
    const plan = planCareers(200, 8);
    expect(planCareers(200, 8)).toEqual(plan);
    for (const [i, p] of plan.entries()) {
      const before = plan.slice(0, i).filter((q) => q.space === p.space);
      if (p.level === 'national') expect(before.some((q) => q.level === 'province' && q.ending === 'filed' && q.year < p.year)).toBe(true);
      expect(before.some((q) => q.level === p.level && q.ending === 'filed')).toBe(false);
      expect(p.steps).toBeLessThanOrEqual(chainSteps(CHAIN_OF_LEVEL[p.level]).length);
    }
  });
});
