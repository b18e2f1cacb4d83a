import type { ChallengeState } from './schema.ts';

/** The moves of a challenge; each is made by the space's operator. */
export const CHALLENGE_ACTIONS = ['publish', 'judge', 'award', 'close'] as const;
export type ChallengeAction = (typeof CHALLENGE_ACTIONS)[number];

/**
 * The one table of a challenge's life: publish a draft (open to solutions), stop taking solutions
 * (judging), award one solution, or close it without an award from any state before the award.
 */
export const CHALLENGE_TRANSITIONS: Record<ChallengeAction, { from: readonly ChallengeState[]; to: ChallengeState }> = {
  publish: { from: ['draft'], to: 'open' },
  judge: { from: ['open'], to: 'judging' },
  award: { from: ['judging'], to: 'awarded' },
  close: { from: ['draft', 'open', 'judging'], to: 'closed' },
};

export const nextChallengeState = (state: ChallengeState, action: ChallengeAction): ChallengeState | null =>
  CHALLENGE_TRANSITIONS[action].from.includes(state) ? CHALLENGE_TRANSITIONS[action].to : null;

export const challengeActionsOf = (state: ChallengeState): ChallengeAction[] => CHALLENGE_ACTIONS.filter((a) => nextChallengeState(state, a));
