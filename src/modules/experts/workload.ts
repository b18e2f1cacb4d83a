/** The experts read model of the workbench: the score sheets an expert still has to fill. */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { calls } from '../calls/index.ts';
import { spaces } from '../spaces/index.ts';
import { applications } from '../workflow/index.ts';
import { can } from './policy.ts';
import { expertAssignments } from './schema.ts';

export interface OpenSheet {
  assignmentId: string;
  applicationId: string;
  spaceName: string;
  call: { id: string; title: string };
  /** The no-conflict declaration is signed (scoring is the next step). */
  declared: boolean;
  /** The expert stage's due date. */
  dueAt: Date | null;
}

/**
 * The actor's live assignments not yet scored (neither submitted nor declined) whose application
 * still stands at the assignment's stage, soonest due first: one statement.
 */
export async function openScoreSheets(db: DbOrTx, actor: Actor): Promise<OpenSheet[]> {
  if (!can(actor, 'expert.work')) return [];
  const rows = await db
    .select({
      assignmentId: expertAssignments.id,
      applicationId: applications.id,
      spaceName: spaces.name,
      callId: calls.id,
      callTitle: calls.title,
      declaredAt: expertAssignments.declaredAt,
      dueAt: applications.stageDueAt,
    })
    .from(expertAssignments)
    .innerJoin(applications, and(eq(applications.id, expertAssignments.applicationId), eq(applications.stageKey, expertAssignments.stageKey)))
    .innerJoin(spaces, eq(spaces.id, applications.spaceId))
    .innerJoin(calls, eq(calls.id, applications.callId))
    .where(and(eq(expertAssignments.expertUserId, actor.userId), eq(applications.status, 'in_review'), isNull(expertAssignments.submittedAt), isNull(expertAssignments.declinedAt)))
    .orderBy(sql`${applications.stageDueAt} asc nulls last`, asc(expertAssignments.assignedAt), asc(expertAssignments.id));
  return rows.map((r) => ({ assignmentId: r.assignmentId, applicationId: r.applicationId, spaceName: r.spaceName, call: { id: r.callId, title: r.callTitle }, declared: !!r.declaredAt, dueAt: r.dueAt }));
}
