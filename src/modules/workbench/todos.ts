/**
 * The actor's to-dos, gathered from the modules that own the work, each with its count, due date
 * and the page (and record) where it is done. Every part is a fixed number of set-based statements,
 * so the workbench costs the same whatever the amount of work waiting.
 */
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import type { StageKind, StageTemplate } from '../../shared/chains.ts';
import { operatorLoad } from '../applications/index.ts';
import { changeWorkload } from '../changes/index.ts';
import { alertWorkload } from '../dupcheck/index.ts';
import { openScoreSheets } from '../experts/index.ts';
import { decisionsToRelease } from '../filings/index.ts';
import { noticeLoad } from '../notices/index.ts';
import { draftBatches } from '../recommendations/index.ts';
import { returnsToFile } from '../returns/index.ts';
import { proposalWorkload } from '../revocation/index.ts';
import { chainsInUse, stageLoad, stagesWorkedBy } from '../workflow/index.ts';

export const TODO_KINDS = ['stage', 'decisions_release', 'objections', 'notices_ended', 'notices_running', 'recommendation_drafts', 'score_sheets', 'returned', 'drafts', 'open_calls', 'change_reports', 'statistics_returns', 'revocation_proposals', 'support_alerts'] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

/** How many records a to-do names; its count covers them all and its link opens the full list. */
export const ITEMS_PER_TODO = 5;

export interface TodoItem {
  id: string;
  title: string;
  detail: string | null;
  dueAt: Date | null;
  overdue: boolean;
  link: string;
}

export interface Todo {
  kind: TodoKind;
  count: number;
  overdue: number;
  dueAt: Date | null;
  call: { id: string; title: string } | null;
  stage: { key: string; kind: StageKind; name: string; nameEn: string } | null;
  link: string;
  items: TodoItem[];
}

/**
 * The web app's page for each kind of stage work, and the record page where there is one (review
 * stages open the application's stage work; the others are worked per call on their own page).
 */
const STAGE_PAGE: Record<StageKind, { list: string; item?: (id: string) => string }> = {
  review: { list: '/app/review', item: (id) => `/app/review/${id}` },
  expert: { list: '/app/expert-review' },
  notice: { list: '/app/notices' },
  recommend: { list: '/app/recommendations' },
  decision: { list: '/app/decisions' },
};

/** A stage page with the to-do's call and stage picked (the review queue and the call-and-stage pickers read them). */
const pickedOn = (list: string, callId: string, stageKey: string) => `${list}?${new URLSearchParams({ callId, stageKey }).toString()}`;

const stageOut = (s: StageTemplate) => ({ key: s.key, kind: s.kind, name: s.name, nameEn: s.nameEn });
const earliest = (dates: (Date | null)[]) => dates.reduce<Date | null>((min, d) => (d && (!min || d < min) ? d : min), null);
const late = (d: Date | null, now: Date) => !!d && d < now;

/** Overdue work first, then the soonest due, then what has no due date. */
const urgency = (a: Todo, b: Todo) => Number(b.overdue > 0) - Number(a.overdue > 0) || (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity);

/** A to-do over a list of records already sorted by urgency. */
function listTodo(kind: TodoKind, link: string, items: TodoItem[]): Todo[] {
  if (!items.length) return [];
  return [{ kind, count: items.length, overdue: items.filter((i) => i.overdue).length, dueAt: earliest(items.map((i) => i.dueAt)), call: null, stage: null, link, items: items.slice(0, ITEMS_PER_TODO) }];
}

/** Stage work: what waits at the stages the actor works, and the pending decisions it may release. */
async function stageTodos(db: Db, actor: Actor, now: Date): Promise<Todo[]> {
  if (!actor.jurisdictionPath) return [];
  const worked = stagesWorkedBy(actor, await chainsInUse(db));
  const [loads, releases] = await Promise.all([stageLoad(db, actor, worked, { now, perStage: ITEMS_PER_TODO }), decisionsToRelease(db, actor, worked, now)]);
  return [
    ...loads.map((l): Todo => {
      const page = STAGE_PAGE[l.stage.kind];
      return {
        kind: 'stage',
        count: l.count,
        overdue: l.overdue,
        dueAt: l.dueAt,
        call: l.call,
        stage: stageOut(l.stage),
        link: pickedOn(page.list, l.call.id, l.stage.key),
        items: l.items.map((i) => ({ id: i.id, title: i.spaceName, detail: null, dueAt: i.stageDueAt, overdue: i.overdue, link: page.item?.(i.id) ?? page.list })),
      };
    }),
    ...releases.map((r): Todo => ({ kind: 'decisions_release', count: r.count, overdue: r.overdue, dueAt: r.dueAt, call: r.call, stage: stageOut(r.stage), link: pickedOn(STAGE_PAGE.decision.list, r.call.id, r.stage.key), items: [] })),
  ];
}

/** The organisation's notices: running ones (ending soon), ended ones to conclude, objections to handle. */
async function noticeTodos(db: Db, actor: Actor, now: Date): Promise<Todo[]> {
  const { notices, handles } = await noticeLoad(db, actor, now);
  const item = (n: (typeof notices)[number], detail: string | null = null): TodoItem => ({ id: n.id, title: n.title, detail, dueAt: n.endsAt, overdue: false, link: `/app/notices/${n.id}` });
  const withObjections = notices.filter((n) => n.openObjections > 0);
  const objections: Todo[] =
    handles && withObjections.length
      ? [
          {
            kind: 'objections',
            count: withObjections.reduce((sum, n) => sum + n.openObjections, 0),
            overdue: 0,
            dueAt: earliest(withObjections.map((n) => n.endsAt)),
            call: null,
            stage: null,
            link: '/app/notices',
            items: withObjections.slice(0, ITEMS_PER_TODO).map((n) => item(n, String(n.openObjections))),
          },
        ]
      : [];
  return [
    ...listTodo('notices_running', '/app/notices', notices.filter((n) => n.running).map((n) => item(n))),
    ...(handles ? listTodo('notices_ended', '/app/notices', notices.filter((n) => now >= n.endsAt).map((n) => item(n))) : []),
    ...objections,
  ];
}

/** The recommending organisation's unsent batches. */
async function recommendationTodos(db: Db, actor: Actor): Promise<Todo[]> {
  const batches = await draftBatches(db, actor);
  return listTodo('recommendation_drafts', '/app/recommendations', batches.map((b) => ({ id: b.id, title: b.call.title, detail: String(b.count), dueAt: null, overdue: false, link: '/app/recommendations' })));
}

/** The expert's score sheets still to fill. */
async function expertTodos(db: Db, actor: Actor, now: Date): Promise<Todo[]> {
  const sheets = await openScoreSheets(db, actor);
  return listTodo('score_sheets', '/app/my-reviews', sheets.map((s) => ({ id: s.assignmentId, title: s.spaceName, detail: s.call.title, dueAt: s.dueAt, overdue: late(s.dueAt, now), link: '/app/my-reviews' })));
}

/** The operator's returned applications, drafts and open calls not yet applied to. */
async function operatorTodos(db: Db, actor: Actor, now: Date): Promise<Todo[]> {
  const load = await operatorLoad(db, actor, now);
  const application = (a: (typeof load.drafts)[number]): TodoItem => ({ id: a.id, title: a.spaceName, detail: a.call.title, dueAt: a.dueAt, overdue: late(a.dueAt, now), link: `/app/applications/${a.id}` });
  return [
    ...listTodo('returned', '/app/applications', load.returned.map(application)),
    ...listTodo('drafts', '/app/applications', load.drafts.map(application)),
    ...listTodo('open_calls', '/app/calls', load.openCalls.map((c) => ({ id: c.call.id, title: c.call.title, detail: c.spacesToApply.join('、'), dueAt: c.call.closesAt, overdue: false, link: '/app/calls' }))),
  ];
}

/**
 * The jurisdiction's change reports waiting for review (002 §四(二)): how many, how many past their
 * stage's due date, and the first late ones (the detail counts all late ones). The stage to-dos list
 * the ones the actor works itself.
 */
async function changeTodos(db: Db, actor: Actor, now: Date): Promise<Todo[]> {
  const load = await changeWorkload(db, actor, now, ITEMS_PER_TODO);
  if (!load?.waiting) return [];
  const overdueFirst = new URLSearchParams({ overdue: String(load.overdue > 0), sort: 'dueOn', order: 'asc' });
  return [
    {
      kind: 'change_reports',
      count: load.waiting,
      overdue: load.overdue,
      dueAt: load.dueAt,
      call: null,
      stage: null,
      link: load.overdue > 0 ? `/app/changes?${overdueFirst.toString()}` : '/app/changes',
      items: load.lateItems.map((i) => ({ id: i.id, title: i.spaceName, detail: String(load.late), dueAt: i.stageDueAt, overdue: late(i.stageDueAt, now), link: `/app/changes/${i.id}` })),
    },
  ];
}

/** The operator's statistics returns to file or to fix, each opening its form (a returned one says so). */
async function returnTodos(db: Db, actor: Actor, now: Date): Promise<Todo[]> {
  const waiting = await returnsToFile(db, actor);
  if (!waiting) return [];
  return listTodo(
    'statistics_returns',
    '/app/returns',
    waiting.map((r) => ({ id: r.id, title: r.spaceName, detail: r.returned ? 'returned' : r.title, dueAt: r.dueAt, overdue: late(r.dueAt, now), link: `/app/returns/${r.id}` })),
  );
}

/**
 * Revocation proposals of the jurisdiction waiting for the authority (动态管理): how many, the oldest
 * first with their ground (its key, worded by the web); each opens the proposal with its evidence.
 */
async function revocationTodos(db: Db, actor: Actor): Promise<Todo[]> {
  const load = await proposalWorkload(db, actor, ITEMS_PER_TODO);
  if (!load?.pending) return [];
  return [
    {
      kind: 'revocation_proposals',
      count: load.pending,
      overdue: 0,
      dueAt: null,
      call: null,
      stage: null,
      link: '/app/revocations?status=pending',
      items: load.items.map((i) => ({ id: i.id, title: i.spaceName, detail: i.ground, dueAt: null, overdue: false, link: `/app/revocations/${i.id}` })),
    },
  ];
}

/**
 * 待处置的重复扶持预警: open duplicate-support alerts touching the department's own grants, the
 * oldest first, each with its rule (its code, worded by the web); the list page opens filtered.
 */
async function supportAlertTodos(db: Db, actor: Actor): Promise<Todo[]> {
  const load = await alertWorkload(db, actor, ITEMS_PER_TODO);
  if (!load?.count) return [];
  return [
    {
      kind: 'support_alerts',
      count: load.count,
      overdue: 0,
      dueAt: null,
      call: null,
      stage: null,
      link: '/app/support-alerts?state=open',
      items: load.items.map((i) => ({ id: i.id, title: i.spaceName ?? i.rule, detail: i.rule, dueAt: null, overdue: false, link: '/app/support-alerts?state=open' })),
    },
  ];
}

/** Every to-do of the actor, the most urgent first. Parts that do not concern the actor cost no statement. */
export async function todosOf(db: Db, actor: Actor, now: Date): Promise<Todo[]> {
  const parts = await Promise.all([stageTodos(db, actor, now), noticeTodos(db, actor, now), recommendationTodos(db, actor), expertTodos(db, actor, now), operatorTodos(db, actor, now), changeTodos(db, actor, now), returnTodos(db, actor, now), revocationTodos(db, actor), supportAlertTodos(db, actor)]);
  return parts.flat().sort(urgency);
}
