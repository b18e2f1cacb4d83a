import type { RelationState } from './schema.ts';

/** 002 §二(六): at least one industry mentor for every 15 incubatees. */
export const INCUBATEES_PER_INDUSTRY_MENTOR = 15;

/** The moves of a coaching relation: started (pending → active), then completed. */
export const RELATION_MOVES: Readonly<Record<RelationState, readonly RelationState[]>> = { pending: ['active'], active: ['completed'], completed: [] };

export const canMoveRelation = (from: RelationState, to: RelationState) => RELATION_MOVES[from].includes(to);

/** The space's live ratio against the rule: how many industry mentors it needs for its roster, and whether it has them. */
export function mentorRatio(industryMentors: number, incubatees: number) {
  const required = Math.ceil(incubatees / INCUBATEES_PER_INDUSTRY_MENTOR);
  return {
    industryMentors,
    incubatees,
    required,
    met: industryMentors >= required,
    /** Incubatees per industry mentor (null without one). */
    incubateesPerMentor: industryMentors ? Math.round((incubatees / industryMentors) * 10) / 10 : null,
    rule: { zh: `每 ${INCUBATEES_PER_INDUSTRY_MENTOR} 个在孵团队/企业至少配备 1 名产业导师（002 §二(六)）`, en: `at least 1 industry mentor per ${INCUBATEES_PER_INDUSTRY_MENTOR} incubatees (002 §2(6))` },
  };
}

/** Beijing's calendar day and year. */
