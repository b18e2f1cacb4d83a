import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/client.ts';
import { cookieNames } from '../src/shared/http/cookies.ts';

/** A signed-in account the bench acts as: a session row made directly in the database. */
export interface Account {
  username: string;
  level: string | null;
  cookie: string;
  /** sha256 of the cookie's token, as the sessions table stores it (a replay looks it up). */
  tokenHash: string;
}

/**
 * The submission surge (issue 12): 2,000 operators submitting with 1 MB uploads within 10 minutes,
 * with no errors and every step's p95 under 2 s. The rate is what 2,000 in 10 minutes needs, so a
 * smaller run is held to the same pace.
 */
export const SURGE_TARGET = { operators: 2000, stepP95Ms: 2000, errors: 0, submissionsPerSecond: 2000 / 600 } as const;

/**
 * Statistics returns at national scale (issue 13): one return checked in under 5 ms; a round's
 * aggregations (progress, figures by region; the 12,000 returns) under 1 s, and the
 * accepted-returns workbook held to the same; a province's survival cohorts under 300 ms; the rounds
 * list as every list, under 200 ms (p95).
 */
export const RETURNS_TARGETS = { validateOneMs: 5, aggregateMs: 1000, workbookMs: 1000, survivalMs: 300, listMs: 200 } as const;

/**
 * Transparency at national scale (issue 17): the ministry's dashboard under 1 s, a province's under
 * 300 ms, the duplicate checks' full scan over 1,000,000 supports under 30 s, a policy search under
 * 200 ms (p95; the scan is timed once a run).
 */
export const TRANSPARENCY_TARGETS = { nationalDashboardMs: 1000, provinceDashboardMs: 300, duplicateScanMs: 30_000, policySearchMs: 200 } as const;

/** Marks the bench's sessions, so they are found and removed after the run. */
export const BENCH_USER_AGENT = 'hatchery-bench';

/** One page the bench measures: who opens it, and the target its p95 should stay under. */
export interface Page {
  name: string;
  path: string;
  account: Account | null;
  targetMs: number;
}

/**
 * A session for the user, written straight into the sessions table as sign-in would (no password
 * or TOTP needed, so it works on any data set; the server runs with MFA_REQUIRED=false so an
 * unenrolled privileged account is not sent to enrolment).
 */
export async function sessionFor(database: Database, user: { id: string; username: string; level: string | null }): Promise<Account> {
  const token = randomBytes(32).toString('base64url');
  const tokenHash = createHash('sha256').update(token).digest('hex');
  await database.query(
    `insert into sessions (token_hash, user_id, csrf_token, mfa_pending, user_agent, created_at, last_seen_at, expires_at)
     values ($1, $2, $3, false, $4, now(), now(), now() + interval '12 hours')`,
    [tokenHash, user.id, randomBytes(32).toString('base64url'), BENCH_USER_AGENT],
  );
  return { username: user.username, level: user.level, cookie: `${cookieNames(false).session}=${token}`, tokenHash };
}

export async function removeBenchSessions(database: Database) {
  await database.query(`delete from sessions where user_agent = $1`, [BENCH_USER_AGENT]);
}

type Inject = (path: string, account: Account | null) => Promise<{ status: number; body: unknown }>;

export function injector(app: FastifyInstance): Inject {
  return async (path, account) => {
    const res = await app.inject({ method: 'GET', url: path, headers: account ? { cookie: account.cookie } : {} });
    return { status: res.statusCode, body: res.statusCode === 200 ? res.json() : res.body };
  };
}

/** The account with the biggest answer (its `total`) among those allowed to open the page; null when none is. */
async function largest(inject: Inject, path: string, accounts: Account[]) {
  let best: { account: Account; total: number } | null = null;
  for (const account of accounts) {
    const res = await inject(path, account);
    if (res.status !== 200) continue;
    const total = (res.body as { total?: number }).total ?? 0;
    if (!best || total > best.total) best = { account, total };
  }
  return best?.account ?? null;
}

/** GET /api/stages/mine: each chain's worked stages once, each call naming its chain. */
interface StagesMine {
  chains: { id: string; stages: { key: string }[] }[];
  calls: { id: string; chainId: string }[];
}

/**
 * The candidate page (`candidatesPath`: decision or notice candidates) with most items among the
 * stages of `kind` the accounts work: the five stages holding most applications are asked, since
 * applications in a stage are not all candidates (decided ones stay there).
 */
async function busiestStage(database: Database, inject: Inject, accounts: Account[], kind: string, candidatesPath: string) {
  const pairs: { account: Account; callId: string; stageKey: string; n: number }[] = [];
  for (const account of accounts) {
    const res = await inject(`/api/stages/mine?kind=${kind}`, account);
    if (res.status !== 200) continue;
    const { chains, calls } = res.body as StagesMine;
    for (const call of calls) {
      for (const stage of chains.find((c) => c.id === call.chainId)!.stages) {
        const [row] = await database.query<{ n: number }>(`select count(*)::int as n from applications where call_id = $1 and stage_key = $2`, [call.id, stage.key]);
        pairs.push({ account, callId: call.id, stageKey: stage.key, n: row!.n });
      }
    }
  }
  let best: { account: Account; path: string; items: number } | null = null;
  // The five busiest pairs that answer: on the national data set the busiest ones answered 404 to
  // the account that listed them, which left the national call's ≈1,000 candidates unmeasured.
  let answered = 0;
  for (const p of pairs.sort((a, b) => b.n - a.n)) {
    if (answered === 5) break;
    const path = `${candidatesPath}?callId=${p.callId}&stageKey=${encodeURIComponent(p.stageKey)}`;
    const res = await inject(path, p.account);
    if (res.status !== 200) continue;
    answered++;
    const items = (res.body as { items: unknown[] }).items.length;
    if (!best || items > best.items) best = { account: p.account, path, items };
  }
  return best;
}

/**
 * Chooses from the data (never fixed ids) whom the bench acts as and which pages it opens: a few
 * authority accounts of each level (national first), the audit administrator, the call and the
 * stages with most applications, the audit log's most frequent actor and action. Works the same
 * on the demo and on a national-size data set.
 */
export async function choosePages(database: Database, inject: Inject) {
  const users = await database.query<{ id: string; username: string; level: string | null }>(
    `select id, username, level from (
       select u.id, u.username, o.authority_level as level,
              row_number() over (partition by o.authority_level order by u.username) as n
         from users u join organisations o on o.id = u.org_id
        where o.kind = 'authority' and u.status = 'active' and o.status = 'active'
          and exists (select 1 from user_roles r where r.user_id = u.id and r.role in ('authority_admin', 'authority_reviewer'))
     ) x where n <= 4
     order by array_position(array['national', 'province', 'city', 'county'], level), username`,
  );
  const authorities = await Promise.all(users.map((u) => sessionFor(database, u)));
  const [auditUser] = await database.query<{ id: string; username: string }>(
    `select u.id, u.username from users u join user_roles r on r.user_id = u.id where r.role = 'audit_admin' and u.status = 'active' order by u.username limit 1`,
  );
  const auditor = auditUser ? await sessionFor(database, { ...auditUser, level: null }) : null;

  const reviewer = await largest(inject, '/api/review/queue?pageSize=1', authorities);
  const decision = await busiestStage(database, inject, authorities, 'decision', '/api/decisions/candidates');
  const notice = await busiestStage(database, inject, authorities, 'notice', '/api/notices/candidates');
  // The call with most applications among those an authority account may list.
  const calls = await database.query<{ id: string }>(`select call_id as id from applications group by call_id order by count(*) desc limit 5`);
  let ofCall: { account: Account; callId: string } | null = null;
  for (const c of calls) {
    for (const account of authorities) {
      if ((await inject(`/api/calls/${c.id}/applications?pageSize=1`, account)).status === 200) {
        ofCall = { account, callId: c.id };
        break;
      }
    }
    if (ofCall) break;
  }
  const [topActor] = await database.query<{ v: string }>(`select actor_username as v from audit_log where actor_username is not null group by 1 order by count(*) desc limit 1`);
  const [topAction] = await database.query<{ v: string }>(`select action as v from audit_log group by 1 order by count(*) desc limit 1`);
  const [lastAt] = await database.query<{ v: Date | string }>(`select max(at) as v from audit_log`);
  const to = new Date(lastAt?.v ?? Date.now());
  const from = new Date(to.getTime() - 7 * 86_400_000);

  const pages: Page[] = [];
  const add = (name: string, path: string, account: Account | null, targetMs: number) => pages.push({ name, path, account, targetMs });
  if (reviewer) add('review queue', '/api/review/queue', reviewer, 200);
  // The stage pages' call and stage pickers (what the queue's stage filter once read too).
  if (reviewer) add('stages worked', '/api/stages/mine', reviewer, 200);
  if (ofCall) add('applications of a call', `/api/calls/${ofCall.callId}/applications`, ofCall.account, 200);
  if (decision) {
    add('decision candidates', decision.path, decision.account, 300);
    add('decisions of a stage', decision.path.replace('/api/decisions/candidates', '/api/decisions'), decision.account, 200);
  }
  if (notice) add('notice candidates', notice.path, notice.account, 300);
  for (const [name, path] of [
    ['notices of the authority', '/api/notices'],
    ['roster', '/api/roster/incubatees'],
    ['returns rounds', '/api/returns/rounds'],
    ['change reports', '/api/change-reports'],
  ] as const) {
    const account = await largest(inject, `${path}?pageSize=1`, authorities);
    if (account) add(name, path, account, 200);
    // The roster's sorts whose columns repeat most (five statuses, a few dozen job counts).
    if (account && name === 'roster') for (const sort of ['status', 'jobs'] as const) add(`roster by ${sort}, descending`, `${path}?sort=${sort}&order=desc`, account, 200);
  }
  if (auditor) {
    add('audit log', '/api/audit', auditor, 100);
    if (topActor) add('audit log by actor', `/api/audit?actor=${encodeURIComponent(topActor.v)}`, auditor, 100);
    if (topAction) add('audit log by action', `/api/audit?action=${encodeURIComponent(topAction.v)}`, auditor, 100);
    add('audit log by time (7 days)', `/api/audit?from=${from.toISOString()}&to=${to.toISOString()}`, auditor, 100);
  }
  add('public notices page 100', '/api/public/notices?page=100', null, 200);
  add('public filing lists', '/api/public/filing-lists', null, 200);

  // The hot reads compared with the bare stack: what every signed-in page and the portal ask most.
  const me = reviewer ?? authorities[0] ?? null;
  const hot: Page[] = [];
  if (me) hot.push({ name: 'GET /api/me', path: '/api/me', account: me, targetMs: 0 });
  if (reviewer) hot.push({ name: 'review queue p1', path: '/api/review/queue', account: reviewer, targetMs: 0 });
  hot.push({ name: 'public notices p1', path: '/api/public/notices', account: null, targetMs: 0 });
  hot.push({ name: 'public filing lists p1', path: '/api/public/filing-lists', account: null, targetMs: 0 });
  if (auditor) hot.push({ name: 'audit log p1', path: '/api/audit', account: auditor, targetMs: 0 });
  return { pages, hot };
}

/** Scoring a national evaluation round (issue 14): 12,000 spaces × 40 items in under 2 s. */
export const EVALUATION_TARGET = { spaces: 12_000, items: 40, ms: 2000 } as const;

/** The evaluation pages an authority reads (rounds list, a round's entries): the platform's list target, p95. */
export const EVALUATION_PAGES_TARGET = { listMs: 200 } as const;

/**
 * The sign-up burst of issue 16: 1,000 concurrent sign-ups for a 200-seat event, exactly 200
 * confirmed and the rest waitlisted with no error. The issue asks for the p95 to be recorded, not a
 * bound: 2 s for a sign-up that queued behind a thousand others is the platform's own ceiling.
 */
export const SIGNUP_BURST_TARGET = { signups: 1000, capacity: 200, p95Ms: 2000 } as const;

/**
 * Issue 15: 50 concurrent writers on one resource — no double booking, no error; the p95 of an
 * attempt (booked or refused) is to be recorded, and 1 s is the platform's own ceiling.
 */
export const BOOKING_WRITERS_TARGET = { writers: 50, p95Ms: 1000 } as const;

/**
 * The service platform at national scale (issues 15 and 16): the event directory search under 200 ms
 * (issue 16), on 200,000 events with 4,000,000 sign-ups, and the public space directory with it. Issue
 * 15 asks for the search over 120,000 resources (with 6,000,000 bookings a year) to be measured
 * without naming a bound: it is held to what every list of the platform is held to, 200 ms at p95.
 */
export const PLATFORM_TARGETS = { searchMs: 200, directoryMs: 200 } as const;
