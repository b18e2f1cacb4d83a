import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { expertAssignments } from './schema.ts';

/** True when the expert has a live assignment on the application with the declaration signed. */
export async function hasDeclaredAssignment(db: DbOrTx, expertUserId: string, applicationId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: expertAssignments.id })
    .from(expertAssignments)
    .where(
      and(
        eq(expertAssignments.expertUserId, expertUserId),
        eq(expertAssignments.applicationId, applicationId),
        isNotNull(expertAssignments.declaredAt),
        isNull(expertAssignments.declinedAt),
      ),
    )
    .limit(1);
  return !!row;
}

/** Live (not declined) assignments of an application at a stage, and how many of them submitted scores. */
export async function scoringStatus(db: DbOrTx, applicationId: string, stageKey: string): Promise<{ assigned: number; submitted: number }> {
  const [row] = await db
    .select({ assigned: sql<number>`count(*)::int`, submitted: sql<number>`count(${expertAssignments.submittedAt})::int` })
    .from(expertAssignments)
    .where(and(eq(expertAssignments.applicationId, applicationId), eq(expertAssignments.stageKey, stageKey), isNull(expertAssignments.declinedAt)));
  return { assigned: row?.assigned ?? 0, submitted: row?.submitted ?? 0 };
}
