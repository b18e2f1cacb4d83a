/**
 * The crowd module's public surface: other modules and the app layer import from here only. Crowd
 * challenges of a space's host (众包, 000 §四.五): challenge → solutions of maker teams (content private to
 * the team and the panel; the space sees their outline and scores) → panel scores → a public award recording the IP terms; and the
 * figures the statistics return reads.
 */
export { abilities as crowdAbilities } from './policy.ts';
export { crowdRoutes } from './routes.ts';
export {
  awardChallenge,
  closeChallenge,
  createChallenge,
  crowdFigures,
  eligiblePanel,
  publicChallengesOfSpace,
  publishChallenge,
  scoreSolution,
  startJudging,
  submitSolution,
  type ChallengeInput,
  type CrowdFigures,
} from './service.ts';
export { CHALLENGE_STATES, IP_TERMS, crowdAwards, crowdChallenges, crowdPanel, crowdScores, crowdSolutions, type ChallengeState, type IpTerms } from './schema.ts';
