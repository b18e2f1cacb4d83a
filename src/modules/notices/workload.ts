/** The notices read model of the workbench: what an authority's running and ended notices still ask of it. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { can } from './policy.ts';
import { noticeEntries, objections, publicNotices } from './schema.ts';

export interface NoticeLoad {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  /** The objection period is still open. */
  running: boolean;
  entries: number;
  openObjections: number;
}

/**
 * The actor's organisation's notices not yet concluded, soonest ending first, with their entries
 * and open objections: those running (ending soon), those ended awaiting conclusion, and the
 * objections to handle on either. One statement whatever the number of notices and objections.
 * `handles`: the actor decides objections and concludes notices (its organisation's admin).
 */
export async function noticeLoad(db: DbOrTx, actor: Actor, now: Date): Promise<{ notices: NoticeLoad[]; handles: boolean }> {
  const own = { authorityOrgId: actor.org.id };
  if (!can(actor, 'notice.read', own)) return { notices: [], handles: false };
  // Qualified by hand: a one-table select renders its own columns unqualified, which inside the
  // subqueries would name the subquery's table.
  const notice = sql.raw('"public_notices"."id"');
  const rows = await db
    .select({
      id: publicNotices.id,
      title: publicNotices.title,
      startsAt: publicNotices.startsAt,
      endsAt: publicNotices.endsAt,
      entries: sql<number>`(select count(*)::int from ${noticeEntries} e where e.notice_id = ${notice})`,
      openObjections: sql<number>`(select count(*)::int from ${objections} o where o.notice_id = ${notice} and o.status = 'open')`,
    })
    .from(publicNotices)
    .where(and(eq(publicNotices.authorityOrgId, actor.org.id), eq(publicNotices.status, 'published')))
    .orderBy(asc(publicNotices.endsAt), asc(publicNotices.id));
  return {
    notices: rows.map((r) => ({ ...r, running: now >= r.startsAt && now < r.endsAt, entries: Number(r.entries), openObjections: Number(r.openObjections) })),
    handles: can(actor, 'notice.handle', own),
  };
}
