import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { canCall, openCallsAt } from '../calls/index.ts';
import { spacesFiledAt } from '../filings/index.ts';
import { pathWithin } from '../regions/index.ts';
import { operatorSpaces } from '../spaces/index.ts';

/**
 * The calls an operator can apply to now: published, inside their window, covering the region of
 * one of its spaces and taking that space's category. Each lists the spaces that fit.
 */
export async function openCallsForOperator(db: DbOrTx, actor: Actor, at = new Date()) {
  if (!canCall(actor, 'call.open.list')) throw new AppError('FORBIDDEN');
  const [open, spaces] = await Promise.all([openCallsAt(db, at), operatorSpaces(db, actor.org.id)]);
  const ids = spaces.map((s) => s.id);
  const [cityFiled, provinceFiled] = await Promise.all([spacesFiledAt(db, ids, 'city'), spacesFiledAt(db, ids, 'province')]);
  const filed = { city: cityFiled, province: provinceFiled };
  return open
    .map((call) => {
      const required = call.chain?.requiresFiling;
      return {
        call,
        eligibleSpaces: spaces
          .filter((s) => s.status === 'active' && pathWithin(s.regionPath, call.regionPath) && call.eligibleCategories.includes(s.category))
          .filter((s) => !required || filed[required].has(s.id))
          .map((s) => ({ id: s.id, name: s.name })),
      };
    })
    .filter((c) => c.eligibleSpaces.length > 0);
}

