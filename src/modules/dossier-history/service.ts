import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { beijingMidnight } from '../../shared/beijing-time.ts';
import { GRADE_NAMES } from '../../shared/domain.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { spaceChanges } from '../changes/index.ts';
import { creditRecordsOf } from '../credit/index.ts';
import { spaceFilings } from '../filings/index.ts';
import { returnHistory } from '../returns/index.ts';
import { GROUND_NAMES, proposalsOfSpace } from '../revocation/index.ts';
import { findSpaceInScope } from '../spaces/index.ts';
import { gradesOf } from './grades.ts';
import { can } from './policy.ts';

const LEVEL_NAMES = { city: '市级', province: '省级', national: '国家级' } as const;
const RETURN_STATES = { accepted: '审核通过', missed: '逾期未报', draft: '尚未提交', in_review: '审核中' } as const;
const PROPOSAL_STATES = { pending: '待处理', in_review: '撤销程序办理中', revoked: '已撤销备案', dismissed: '不予撤销' } as const;

/** One dated thing that happened to the space, in the words of the timeline. */
export interface TimelineEvent {
  at: Date;
  /** Dated by a day, not a moment: a grade dates from its list's 发文日期, which has no time. */
  onDay?: true;
  kind: 'filing' | 'return' | 'change' | 'credit' | 'revocation' | 'grade';
  /** The colour class of the event: something gained, something lost, or neutral. */
  tone: 'good' | 'bad' | 'neutral';
  title: string;
  detail: string | null;
  link: string | null;
}

/**
 * A space over the years for its supervising authorities: filings, statistics returns (accepted or
 * missed, with the key figures), applied changes, the operator's credit records, revocation
 * proposals and evaluation grades, each as its own list and merged into one dated timeline that says
 * why a title ended. A fixed number of statements whatever the history's length.
 */
export async function spaceTimeline(db: Db, actor: Actor, spaceId: string) {
  if (!can(actor, 'timeline.read')) throw new AppError('FORBIDDEN');
  const space = await findSpaceInScope(db, actor, spaceId);
  if (!can(actor, 'timeline.read', space.regionPath)) throw notFound({ zh: '众创空间不存在', en: 'No such maker space' });
  const [filings, returns, changes, credit, proposals, grades] = await Promise.all([
    spaceFilings(db, actor, spaceId),
    returnHistory(db, spaceId),
    spaceChanges(db, actor, spaceId),
    creditRecordsOf(db, space.operator.id),
    proposalsOfSpace(db, spaceId),
    gradesOf(db, spaceId),
  ]);
  const events: TimelineEvent[] = [
    ...filings.items.map((f) => ({ at: f.filedAt, kind: 'filing' as const, tone: 'good' as const, title: `${LEVEL_NAMES[f.level]}备案`, detail: `《${f.list.title}》${f.list.documentNumber}`, link: `/portal/filing-lists/${f.list.id}` })),
    ...filings.items.flatMap((f) =>
      f.cancelledAt ? [{ at: f.cancelledAt, kind: (f.cancelledReason?.startsWith('撤销备案') ? 'revocation' : 'filing') as TimelineEvent['kind'], tone: 'bad' as const, title: `${LEVEL_NAMES[f.level]}备案终止`, detail: f.cancelledReason, link: null }] : [],
    ),
    ...returns.flatMap((r) => {
      const at = r.acceptedAt ?? r.missedAt;
      return at ? [{ at, kind: 'return' as const, tone: r.acceptedAt ? ('good' as const) : ('bad' as const), title: `${r.title}：${RETURN_STATES[r.state]}`, detail: null, link: `/app/returns/${r.id}` }] : [];
    }),
    ...changes.history.map((h) => ({ at: h.appliedAt, kind: 'change' as const, tone: 'neutral' as const, title: '变更事项生效', detail: `${h.before} → ${h.after}${h.revokedAt ? '（已撤销）' : ''}`, link: `/app/changes/${h.submissionId}` })),
    ...credit.map((c) => ({ at: c.foundAt, kind: 'credit' as const, tone: 'bad' as const, title: '记入不良科技信用记录', detail: c.reason, link: '/app/credit' })),
    ...proposals.map((p) => ({ at: p.raisedAt, kind: 'revocation' as const, tone: 'bad' as const, title: `撤销建议：${GROUND_NAMES[p.ground].zh}（${PROPOSAL_STATES[p.status]}）`, detail: p.closedNote ?? p.evidence.summary, link: `/app/revocations/${p.id}` })),
    ...grades.map((g) => ({
      at: beijingMidnight(g.list.issuedOn),
      onDay: true as const,
      kind: 'grade' as const,
      tone: g.grade === 'fail' ? ('bad' as const) : ('good' as const),
      title: `${LEVEL_NAMES[g.level]}${g.year} 年度评价：${GRADE_NAMES[g.grade].zh}`,
      detail: [g.reason, `《${g.list.title}》${g.list.documentNumber}`].filter(Boolean).join('；'),
      link: g.link,
    })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());
  return {
    space: { id: space.id, name: space.name, regionName: space.regionName, operatorName: space.operator.name },
    filings: filings.items,
    returns,
    changes: changes.history,
    credit: credit.map((c) => ({ id: c.id, reason: c.reason, foundAt: c.foundAt, banUntil: c.banUntil, active: c.active })),
    revocations: proposals.map((p) => ({ id: p.id, ground: p.ground, status: p.status, summary: p.evidence.summary, raisedAt: p.raisedAt, closedAt: p.closedAt, closedNote: p.closedNote })),
    grades,
    events,
  };
}
