/**
 * The stages the actor works (src/modules/workflow/routes.ts, GET /api/stages/mine): of published
 * calls, decided on the server from each call's pinned chain version, so the stage pages (notices,
 * recommendations, expert review, decisions) never filter calls or chains themselves.
 */
import { useQuery } from '@tanstack/react-query';
import { http, type QueryOf, type ResponseOf } from './client';

type StagesMine = ResponseOf<'/api/stages/mine', 'get'>;
export type StageKind = NonNullable<QueryOf<'/api/stages/mine', 'get'>['kind']>;
/** A stage the actor works, with whether the actor is its organisation's admin there (releases, publishes, extends). */
export type WorkedStage = StagesMine['chains'][number]['stages'][number];
/** A call with the stages of one kind the actor works in it, in chain order. */
export interface CallWithStages {
  call: StagesMine['calls'][number];
  chain: Omit<StagesMine['chains'][number], 'stages'>;
  stages: WorkedStage[];
}

export const stageKeys = {
  all: ['stages'] as const,
  mine: (kind?: StageKind) => ['stages', 'mine', kind ?? 'all'] as const,
};

export const stagesApi = {
  mine: (kind?: StageKind) => http.get('/api/stages/mine', { query: { kind } }),
};

/** Each call of the server's answer, in its order, with its chain and the stages worked there (sent once per chain). */
export function byCall({ chains, calls }: StagesMine): CallWithStages[] {
  const chainsById = new Map(chains.map(({ stages, ...chain }) => [chain.id, { chain, stages }]));
  return calls.map((call) => ({ call, ...chainsById.get(call.chainId)! }));
}

/** The calls in which the actor works a stage of `kind` (of any kind without one: the review queue's tabs), each with those stages. */
export const useStagesMine = (kind?: StageKind, options: { enabled?: boolean } = {}) =>
  useQuery({ queryKey: stageKeys.mine(kind), queryFn: () => stagesApi.mine(kind), select: byCall, enabled: options.enabled ?? true });

/** The one stage of a call's list when it has one (picked for the user); otherwise none until they choose. */
export const onlyStage = (c: CallWithStages | undefined) => (c?.stages.length === 1 ? c.stages[0]!.key : undefined);
