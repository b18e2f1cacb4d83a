import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { stageAfterIn, type StageKind } from '../../shared/chains.ts';
import { AppError } from '../../shared/errors.ts';
import { publishedCallsAroundOnChains } from '../calls/index.ts';
import { chainsInUse } from './chain.ts';
import { actsAtStage, ownCallsOnly, stagesWorkedBy, worksStages } from './stages.ts';

/**
 * The stages of published calls the actor works (its organisation's kind and level, its roles, a
 * jurisdiction overlapping the call's region), optionally of one kind: what the review, notice,
 * recommendation, expert and decision pages offer, decided once on the server so no page filters
 * calls itself. Two queries whatever the number of calls: the chains in use, then only the calls
 * around the actor pinned to a chain it works a stage of (for the ministry, the calls on the
 * national chains, not the thousands of city and provincial calls of the country).
 *
 * Every call around the actor's jurisdiction is within it or holds it, so which of a call's stages
 * the actor works (and whether as admin) depends on the call's chain alone: each chain's worked
 * stages are sent once, and each call names its chain. Sending them per (call, stage) repeated a
 * stage's checklist for every call — 468 items and 329 kB for a province authority at national size.
 */
export async function stagesMine(db: DbOrTx, actor: Actor, kind?: StageKind) {
  if (!worksStages(actor)) throw new AppError('FORBIDDEN');
  const root = actor.jurisdictionPath!;
  const worked = stagesWorkedBy(actor, await chainsInUse(db)).filter((w) => !kind || w.stage.kind === kind);
  const byChain = new Map<string, typeof worked>();
  for (const w of worked) byChain.set(w.chain.id, [...(byChain.get(w.chain.id) ?? []), w]);
  // A unit's own stages are worked in its own calls only (a chain with one is wholly the unit's:
  // the chain validator), so another unit's calls on the same chain are not listed.
  const found = (await publishedCallsAroundOnChains(db, root, [...byChain.keys()])).filter(
    (c) => c.authorityOrgId === actor.org.id || !byChain.get(c.chainId!)!.some((w) => ownCallsOnly(w.stage)),
  );
  // Only the chains some call is on, in the order of their first call.
  const chainIds = [...new Set(found.map((c) => c.chainId!))];
  return {
    chains: chainIds.map((id) => {
      const stages = byChain.get(id)!;
      const { chain } = stages[0]!;
      return {
        id: chain.id,
        name: chain.name,
        nameEn: chain.nameEn,
        stages: stages.map(({ stage: s }) => ({
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
          /** The admin of the stage's organisation releases, publishes and extends there. */
          admin: actsAtStage(actor, s, { regionPath: root, callAuthorityId: actor.org.id }, true),
        })),
      };
    }),
    calls: found.map((c) => ({ id: c.id, title: c.title, year: c.year, level: c.level, regionName: c.regionName, authorityId: c.authorityOrgId, chainId: c.chainId! })),
  };
}
