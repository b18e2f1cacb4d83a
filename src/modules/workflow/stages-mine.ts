import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { stageAfterIn, type StageKind } from '../../shared/chains.ts';
import { AppError } from '../../shared/errors.ts';
import { publishedCallsAroundOnChains } from '../calls/index.ts';
import { chainsInUse } from './chain.ts';
import { actsAtStage, stagesWorkedBy, worksStages } from './stages.ts';

/**
 * The stages of published calls the actor works (its organisation's kind and level, its roles, a
 * jurisdiction overlapping the call's region), optionally of one kind: what the review, notice,
 * recommendation, expert and decision pages offer, decided once on the server so no page filters
 * calls itself. Two queries whatever the number of calls: the chains in use, then only the calls
 * around the actor pinned to a chain it works a stage of (for the ministry, the calls on the
 * national chains, not the thousands of city and provincial calls of the country).
 */
export async function stagesMine(db: DbOrTx, actor: Actor, kind?: StageKind) {
  if (!worksStages(actor)) throw new AppError('FORBIDDEN');
  const root = actor.jurisdictionPath!;
  // Every call around the root is within it or holds it, so its region is in the jurisdiction and
  // whether the actor works a stage of it depends on the chain alone (as in the review queue).
  const worked = stagesWorkedBy(actor, await chainsInUse(db)).filter((w) => !kind || w.stage.kind === kind);
  const byChain = new Map<string, typeof worked>();
  for (const w of worked) byChain.set(w.chain.id, [...(byChain.get(w.chain.id) ?? []), w]);
  const calls = await publishedCallsAroundOnChains(db, root, [...byChain.keys()]);
  const items = calls.flatMap((call) =>
    byChain.get(call.chainId!)!.map(({ chain, stage: s }) => ({
      call: { id: call.id, title: call.title, year: call.year, level: call.level, regionName: call.regionName, authorityId: call.authorityOrgId },
      chain: { id: chain.id, name: chain.name, nameEn: chain.nameEn },
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
        final: !stageAfterIn(chain, s.key),
      },
      /** The admin of the stage's organisation releases, publishes and extends there. */
      admin: actsAtStage(actor, s, root, true),
    })),
  );
  return { items };
}
