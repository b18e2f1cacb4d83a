import { and, eq, isNotNull, isNull } from 'drizzle-orm';
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
