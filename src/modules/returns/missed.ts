import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import { SYSTEM_CONTEXT } from '../../shared/audit-context.ts';
import * as audit from '../audit/index.ts';
import { activeUsersWithRoles } from '../identity/index.ts';
import { notify } from '../notify/index.ts';
import { proposeRevocationInTx } from '../revocation/index.ts';
import * as repo from './repository.ts';
import type { ReturnCadence } from './schema.ts';

/**
 * The `returns.due` job, queued for a round's due date when it is opened: every draft of the round
 * still unfiled is marked missed (nothing more is filed on it), the space's run of missed returns of
 * that cadence grows by one (two in a row cost the title, read by the evaluation), and the
 * operators and the round's authority are told. Idempotent: a missed draft is not counted again.
 */
export async function markMissedReturns(db: Db, data: { callId: string }, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const overdue = await repo.overdueDrafts(tx, data.callId, now);
    if (!overdue.length) return 0;
    await repo.markMissed(tx, overdue.map((r) => r.submissionId), now);
    const runs = await repo.countMissed(tx, overdue, overdue[0]!.cadence);
    await proposeRevocations(tx, runs, overdue[0]!.cadence);
    await audit.recordInTx(tx, SYSTEM_CONTEXT, { action: 'return_round.missed', objectType: 'call', objectId: data.callId, detail: { missed: overdue.map((r) => r.submissionId) } });
    const title = overdue[0]!.title;
    const operators = await activeUsersWithRoles(tx, [...new Set(overdue.map((r) => r.operatorOrgId))], ['operator_admin', 'operator_staff']);
    await notify(tx, operators.map((p) => p.id), { title: '统计报表逾期未报', body: `“${title}”已过填报截止时间，你单位的报表记为逾期未报。连续两次未报将被取消众创空间资格。`, link: '/app/returns' });
    const staff = await activeUsersWithRoles(tx, [overdue[0]!.authorityOrgId], ['authority_admin', 'authority_reviewer']);
    await notify(tx, staff.map((p) => p.id), { title: '统计报表逾期未报', body: `“${title}”已截止，${overdue.length} 家众创空间逾期未报。`, link: '/app/returns' });
    return overdue.length;
  });
}

/**
 * Two missed returns in a row cost the title (AFTER-FILING §1, 002 §四(二)): a space whose run reached
 * two gets a revocation proposal naming the returns of the run (one open proposal per space, however
 * long the run grows).
 */
async function proposeRevocations(tx: Tx, runs: Map<string, number>, cadence: ReturnCadence) {
  const twice = [...runs].filter(([, run]) => run >= 2).map(([spaceId]) => spaceId);
  if (!twice.length) return;
  const missed = await repo.missedReturnsOf(tx, twice, cadence);
  for (const spaceId of twice) {
    const run = missed.filter((m) => m.spaceId === spaceId).slice(0, runs.get(spaceId));
    await proposeRevocationInTx(tx, SYSTEM_CONTEXT, {
      spaceId,
      ground: 'two_missed_returns',
      evidence: {
        summary: `连续 ${runs.get(spaceId)} 次逾期未报统计报表：${run.map((m) => m.title).join('、')}`,
        refs: run.map((m) => ({ type: 'return' as const, id: m.submissionId, label: `${m.title}（逾期未报）`, year: Number(m.period.slice(0, 4)), link: `/app/returns/${m.submissionId}` })),
      },
    });
  }
}

/** Each space's run of missed returns by cadence (the evaluation reads it: two in a row cost the title). */
export async function missedInARow(db: Db, spaceIds: readonly string[]): Promise<Map<string, Record<ReturnCadence, number>>> {
  const out = new Map(spaceIds.map((id) => [id, { annual: 0, quarterly: 0, monthly: 0 }]));
  for (const r of await repo.standingOf(db, spaceIds)) out.get(r.spaceId)![r.cadence] = r.consecutiveMissed;
  return out;
}

/** The figures of a return a space's history charts over the years (codes of the shipped catalogue). */
export const KEY_FIGURES = ['workstations', 'teams_served', 'startups_served', 'startup_jobs', 'total_income', 'investment_total'] as const;

/**
 * A space's returns over the rounds, newest first: accepted, missed, in review or still a draft, and
 * for accepted ones the key figures (money in 元, as stored).
 */
export async function returnHistory(db: DbOrTx, spaceId: string) {
  return (await repo.returnsOfSpace(db, spaceId)).map((r) => ({
    id: r.submissionId,
    title: r.title,
    cadence: r.cadence,
    period: r.period,
    dueAt: r.dueAt,
    state: r.acceptedAt ? ('accepted' as const) : r.missedAt ? ('missed' as const) : r.status === 'draft' ? ('draft' as const) : ('in_review' as const),
    submittedAt: r.submittedAt,
    acceptedAt: r.acceptedAt,
    missedAt: r.missedAt,
    figures: r.acceptedAt ? Object.fromEntries(KEY_FIGURES.flatMap((k) => (typeof r.values[k] === 'number' ? [[k, r.values[k] as number]] : []))) : {},
  }));
}
