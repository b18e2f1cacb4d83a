/**
 * The criteria module's public surface: other modules, the app layer and the benchmarks import from
 * here only. Rule sets as data, the pure evaluator and the space profile it reads.
 */
export {
  ensureSeededRuleSets,
  evaluatePublished,
  evaluateRuleSet,
  getRuleSet,
  invalid,
  listPublishedRuleSets,
  profileJsonSchema,
} from './service.ts';
export { evaluate } from './engine.ts';
export { SpaceProfile, type SpaceProfileInput } from './profile.ts';
export { loadSeededRuleSets } from './seeded.ts';
export { abilities as criteriaAbilities } from './policy.ts';
export { criteriaRoutes, EvaluationSchema } from './routes.ts';
export { ruleSets } from './schema.ts';
