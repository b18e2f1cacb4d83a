import type { PitchCallState } from './schema.ts';

/** The moves of a call; each is made by the space's operator. */
export const PITCH_CALL_ACTIONS = ['open', 'review', 'publish', 'cancel'] as const;
export type PitchCallAction = (typeof PITCH_CALL_ACTIONS)[number];

/**
 * The one table of a call's life: open a draft to applications, start the review once the window
 * has closed (checked by the service against the clock), publish the ranked results, or cancel
 * before the results are out.
 */
export const PITCH_CALL_TRANSITIONS: Record<PitchCallAction, { from: readonly PitchCallState[]; to: PitchCallState }> = {
  open: { from: ['draft'], to: 'open' },
  review: { from: ['open'], to: 'reviewing' },
  publish: { from: ['reviewing'], to: 'published' },
  cancel: { from: ['draft', 'open', 'reviewing'], to: 'cancelled' },
};

export const nextCallState = (state: PitchCallState, action: PitchCallAction): PitchCallState | null =>
  PITCH_CALL_TRANSITIONS[action].from.includes(state) ? PITCH_CALL_TRANSITIONS[action].to : null;

export const callActionsOf = (state: PitchCallState): PitchCallAction[] => PITCH_CALL_ACTIONS.filter((a) => nextCallState(state, a));
