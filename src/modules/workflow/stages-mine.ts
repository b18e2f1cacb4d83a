import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { stageAfterIn, type StageKind } from '../../shared/chains.ts';
import { AppError } from '../../shared/errors.ts';
import { publishedCallsAround } from '../calls/index.ts';
import { actsAtStage, worksStages } from './stages.ts';

/**
 * The stages of published calls the actor works (its organisation's kind and level, its roles, a
 * jurisdiction overlapping the call's region), optionally of one kind: what the review, notice,
 * recommendation, expert and decision pages offer, decided once on the server so no page filters
 * calls itself. Two queries whatever the number of calls (the calls with their chains).
 */
export async function stagesMine(db: DbOrTx, actor: Actor, kind?: StageKind) {
  if (!worksStages(actor)) throw new AppError('FORBIDDEN');
  const root = actor.jurisdictionPath!;
  const calls = await publishedCallsAround(db, root);
  const items = calls.flatMap((call) => {
    // One region holds the other: a stage worked below the call's region (a county's review in a
    // city call) is checked at the actor's own root; a stage of a call below that root, at the call's.
    const where = root.length >= call.regionPath.length ? root : call.regionPath;
    return (call.chain?.stages ?? [])
      .filter((s) => (!kind || s.kind === kind) && actsAtStage(actor, s, where))
      .map((s) => ({
        call: { id: call.id, title: call.title, year: call.year, level: call.level, regionName: call.regionName, authorityId: call.authorityOrgId },
        chain: { id: call.chain!.id, name: call.chain!.name, nameEn: call.chain!.nameEn },
        stage: {
          key: s.key,
          kind: s.kind,
          name: s.name,
          nameEn: s.nameEn,
          dueDays: s.dueDays,
          checklist: [...s.checklist],
          documents: [...(s.documents ?? [])],
          filingLevel: s.filingLevel ?? null,
          /** The chain's last stage: its released approvals are final. */
          final: !stageAfterIn(call.chain!, s.key),
        },
        /** The admin of the stage's organisation releases, publishes and extends there. */
        admin: actsAtStage(actor, s, where, true),
      }));
  });
  return { items };
}
