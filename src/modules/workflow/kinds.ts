import type { Tx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import type { AuditContext } from '../../shared/audit-context.ts';
import type { StageTemplate } from '../../shared/chains.ts';
import type { SubmissionFacts } from './facts.ts';
import type { ApplicationStatus } from './schema.ts';

/** A released approval at the last stage of a chain: what the kind's effect is given. */
export interface FinalApproval {
  facts: SubmissionFacts;
  /** The released result list the approval was published on. */
  listId: string;
  /** The level of that list (the authority's level; a filing stage's filing level). */
  level: 'city' | 'province' | 'national';
  stage: StageTemplate;
  actor: Actor;
}

/** A released final approval taken back (a reversal, a fraud finding). */
export interface FinalReversal {
  facts: SubmissionFacts;
  reason: string;
  at: Date;
}

/** Someone told of a submission's turn: a user and the address their mail goes to. */
export interface Recipient {
  id: string;
  email: string | null;
}

/**
 * Who corrects a submission a stage returned (退回{label}). Without one, it is the applicant: its
 * operator's admins and staff, told with the kind's `link`.
 */
export interface SubmissionReviser {
  /** Who they are, as the return names them: 退回填报单位, 退回发放部门. */
  label: { zh: string; en: string };
  /** The people told of a return, and where their message leads them; default: the applicant's. */
  recipients?: (tx: Tx, facts: SubmissionFacts) => Promise<{ people: Recipient[]; link: string }>;
}

/** A state change of a submission, as its kind's `movedInTx` is told it. */
export interface SubmissionMove {
  id: string;
  action: string;
  from: ApplicationStatus;
  to: ApplicationStatus;
}

/**
 * A kind of submission: what moves through a chain (a filing application; later an annual return,
 * a change report, an evaluation, a support disclosure). The stage modules (review, notices,
 * recommendations, experts, decisions) work on every kind alike; only what a released final
 * decision does differs, and that is the kind's effect. Adding a kind is registering one of these
 * (in src/modules/index.ts) plus a chain — no stage module changes.
 */
export interface SubmissionKind {
  kind: string;
  name: { zh: string; en: string };
  /** The audit object type of its submissions, also the prefix of their default audit actions. */
  objectType: string;
  /** Where the applicant opens one of its submissions: the link of the messages the kernel sends it. */
  link: (submission: { id: string; spaceId: string }) => string;
  /**
   * How the applicant is told a released final decision: a statistics return is 审核通过, not 准予备案.
   * `rejected` is followed by the decision's reason.
   */
  verdicts: { approved: string; rejected: string };
  /** Who revises a returned submission, when not the applicant (a support goes back to its grantor). */
  reviser?: SubmissionReviser;
  /** The effect of a released final approval, in the release's transaction (after the move to `filed`). */
  approvedInTx?: (tx: Tx, ctx: AuditContext, approval: FinalApproval) => Promise<void>;
  /** Undoes `approvedInTx` when the approval is reversed, in the reversal's transaction. */
  revokedInTx?: (tx: Tx, ctx: AuditContext, reversal: FinalReversal) => Promise<void>;
  /**
   * Told every state change of one of its submissions, in the transition's transaction after the
   * move is written: a kind whose own record mirrors the submission's fate (a support blocked by an
   * upheld objection or a rejection, taken back to its grantor on a return) keeps it in step here.
   */
  movedInTx?: (tx: Tx, ctx: AuditContext, move: SubmissionMove) => Promise<void>;
}

const kinds = new Map<string, SubmissionKind>();

/** Makes a kind known to the kernel; registering one twice with another definition is a programming error. */
export function registerSubmissionKind(kind: SubmissionKind): void {
  const known = kinds.get(kind.kind);
  if (known && known !== kind) throw new Error(`submission kind ${kind.kind} is registered twice`);
  kinds.set(kind.kind, kind);
}

/**
 * Forgets a registered kind. For a test that registers a kind of its own: a worker keeps its modules
 * from one test file to the next (vitest.config.ts), and the next file must find only the app's.
 */
export function unregisterSubmissionKind(kind: string): void {
  kinds.delete(kind);
}

/** The registered kind; an unknown one is a programming error (a call of a kind nobody registered). */
export function submissionKind(kind: string): SubmissionKind {
  const known = kinds.get(kind);
  if (!known) throw new Error(`unknown submission kind ${kind}`);
  return known;
}

export const registeredKinds = (): string[] => [...kinds.keys()];
