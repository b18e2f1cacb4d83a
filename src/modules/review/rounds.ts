import type { Db, DbOrTx } from '../../db/client.ts';
import { type Actor } from '../../shared/actor.ts';
import { stageIn } from '../../shared/chains.ts';
import { assertReadable, roundsOf } from '../applications/index.ts';
import {
  requireSubmissionFacts,
} from '../workflow/index.ts';
import { diffConsecutive } from './diff.ts';
import * as repo from './repository.ts';

/** The submission rounds and the diff of each against the one before, personal data masked as the actor sees the dossier. */
export async function roundHistory(db: DbOrTx, actor: Actor, id: string) {
  const rounds = await roundsOf(db, actor, id);
  return {
    rounds: rounds.map((r) => ({ round: r.round, submittedAt: r.submittedAt, attachments: r.attachments.map((a) => ({ slotKey: a.slotKey, fileName: a.fileName, sha256: a.sha256 })) })),
    diffs: diffConsecutive(rounds),
  };
}

/**
 * The rounds and their diffs for anyone who reads the application (the applicant too), with the
 * latest return's comments and due date.
 */
export async function getRounds(db: Db, actor: Actor, id: string) {
  await assertReadable(db, actor, id);
  const [history, ret] = await Promise.all([roundHistory(db, actor, id), repo.lastReturn(db, id)]);
  const facts = await requireSubmissionFacts(db, id);
  const stage = ret && facts.chain ? stageIn(facts.chain, ret.stageKey) : undefined;
  return {
    ...history,
    lastReturn: ret
      ? { stageKey: ret.stageKey, stageName: stage?.name ?? ret.stageKey, round: ret.round, note: ret.note, itemComments: ret.itemComments, resubmitDueAt: ret.resubmitDueAt, at: ret.at }
      : null,
  };
}
