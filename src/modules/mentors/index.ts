/**
 * The mentors module's public surface: other modules and the app layer import from here only. Each
 * space's mentors, their coaching relations with the space's incubatees and the session logs; the
 * live 002 §二(六) ratio and the figures the statistics return reads.
 */
export { abilities as mentorAbilities } from './policy.ts';
export { mentorRoutes } from './routes.ts';
export { publicMentorsOf } from './repository.ts';
export { createMentor, createRelation, logSession, mentorFigures, moveRelation, type MentorFigures, type MentorInput } from './service.ts';
export { INCUBATEES_PER_INDUSTRY_MENTOR, mentorRatio } from './rules.ts';
export { coachingRelations, coachingSessions, MENTOR_KINDS, mentors, RELATION_STATES } from './schema.ts';
export { mentorDeskLoad, mentorMonths, mentorPeriodFigures, mentorsWithin, type MentorDeskLoad, type MentorMonth, type MentorPeriodFigures } from './stats.ts';
