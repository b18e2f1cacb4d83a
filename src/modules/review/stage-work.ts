import type { Db } from '../../db/client.ts';
import { type Actor } from '../../shared/actor.ts';
import { stageIn, type Chain } from '../../shared/chains.ts';
import { scoringStatus } from '../experts/index.ts';
import { reviserLabel } from '../workflow/index.ts';
import { checklistOf, loadForReview, overdue } from './access.ts';
import { stageAbilities } from './policy.ts';
import * as repo from './repository.ts';
import { roundHistory } from './rounds.ts';

/** What the stage work page shows: the stage and its checklist, abilities, verdicts, evaluation and rounds. */
export async function getStageWork(db: Db, actor: Actor, id: string) {
  const facts = await loadForReview(db, actor, id);
  const { app, call, space, stage } = facts;
  const [reviews, rounds, scoring] = await Promise.all([
    repo.reviewsOf(db, id),
    roundHistory(db, actor, id),
    stage.kind === 'expert' ? scoringStatus(db, id, stage.key) : Promise.resolve(null),
  ]);
  return {
    id: app.id,
    kind: app.kind,
    status: app.status,
    round: app.round,
    resubmitDueAt: app.resubmitDueAt,
    submittedAt: app.submittedAt,
    call: { id: call.id, title: call.title },
    space: { id: space.id, name: space.name },
    operator: { id: space.operator.id, name: space.operator.name },
    stage: {
      key: stage.key,
      kind: stage.kind,
      name: stage.name,
      nameEn: stage.nameEn,
      enteredAt: app.stageEnteredAt,
      dueAt: app.stageDueAt,
      overdue: overdue(app.stageDueAt, app.status, new Date()),
      checklist: checklistOf(stage),
    },
    chain: facts.chain ? facts.chain.stages.map((s) => ({ key: s.key, kind: s.kind, name: s.name, nameEn: s.nameEn })) : [],
    abilities: stageAbilities(actor, stage, { regionPath: space.regionPath, callAuthorityId: call.authorityOrgId }, app.status),
    reviser: reviserLabel(app.kind),
    scoring,
    evaluation: app.evaluation,
    reviews: reviews.map((r) => presentReview(facts.chain!, r)),
    ...rounds,
  };
}

/** A verdict with its checklist items' labels (the chain's stage templates name them). */
function presentReview(chain: Chain, r: { review: repo.StageReviewRow; reviewerOrgName: string }) {
  const v = r.review;
  const items = new Map((stageIn(chain, v.stageKey)?.checklist ?? []).map((c) => [c.key, c]));
  return {
    id: v.id,
    stageKey: v.stageKey,
    round: v.round,
    outcome: v.outcome,
    checklist: v.checklist.map((c) => ({ ...c, label: items.get(c.key)?.label ?? c.key, labelEn: items.get(c.key)?.labelEn ?? c.key })),
    note: v.note,
    itemComments: v.itemComments,
    resubmitDueAt: v.resubmitDueAt,
    reviewerUserId: v.reviewerUserId,
    reviewerOrgName: r.reviewerOrgName,
    at: v.at,
  };
}
