/** The operator's applications. */
import type { Db } from '../../db/client.ts';
import { AppError } from '../../shared/errors.ts';
import { findCallsByIds } from '../calls/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { findSpacesByIds } from '../spaces/index.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';
import { deadlineOf } from './access.ts';

/** The operator's applications in the asked order (the latest change first without one), with their call and space names. */
export async function listMyApplications(db: Db, actor: Actor, query: repo.ApplicationSort & { page: number; pageSize: number }) {
  const { page, pageSize } = query;
  if (!can(actor, 'application.list')) throw new AppError('FORBIDDEN');
  const { items, total } = await repo.listByOperator(db, actor.org.id, query, page, pageSize);
  // Two batched reads whatever the page size; the operator's own applications name its own spaces.
  const [callRows, spaceRows] = await Promise.all([findCallsByIds(db, [...new Set(items.map((a) => a.callId))]), findSpacesByIds(db, [...new Set(items.map((a) => a.spaceId))])]);
  const calls = new Map(callRows.map((c) => [c.id, c]));
  const spaces = new Map(spaceRows.map((sp) => [sp.id, sp]));
  return {
    items: items.map((a) => {
      const call = calls.get(a.callId)!;
      return {
        id: a.id,
        status: a.status,
        revision: a.revision,
        call: { id: call.id, title: call.title, closesAt: call.closesAt },
        space: { id: a.spaceId, name: spaces.get(a.spaceId)!.name },
        deadline: deadlineOf(a, call),
        submittedAt: a.submittedAt,
        updatedAt: a.updatedAt,
      };
    }),
    total,
    page,
    pageSize,
  };
}
