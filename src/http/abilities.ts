import type { Actor } from '../shared/actor.ts';
import { applicationAbilities } from '../modules/applications/index.ts';
import { bookingAbilities } from '../modules/booking/index.ts';
import { eventAbilities } from '../modules/events/index.ts';
import { callAbilities } from '../modules/calls/index.ts';
import { chainAbilities } from '../modules/chains/index.ts';
import { changeAbilities } from '../modules/changes/index.ts';
import { revocationAbilities } from '../modules/revocation/index.ts';
import { timelineAbilities } from '../modules/dossier-history/index.ts';
import { creditAbilities } from '../modules/credit/index.ts';
import { rosterAbilities } from '../modules/roster/index.ts';
import { serviceAbilities } from '../modules/services/index.ts';
import { mentorAbilities } from '../modules/mentors/index.ts';
import { crowdAbilities } from '../modules/crowd/index.ts';
import { financingAbilities } from '../modules/financing/index.ts';
import { policyAbilities } from '../modules/policies/index.ts';
import { supportAbilities } from '../modules/supports/index.ts';
import { dashboardAbilities } from '../modules/dashboards/index.ts';
import { pitchAbilities } from '../modules/pitches/index.ts';
import { dupcheckAbilities } from '../modules/dupcheck/index.ts';
import { criteriaAbilities } from '../modules/criteria/index.ts';
import { filingAbilities } from '../modules/filings/index.ts';
import { evaluationAbilities } from '../modules/evaluation/index.ts';
import { expertAbilities } from '../modules/experts/index.ts';
import { identityAbilities } from '../shared/admin-powers.ts';
import { noticeAbilities } from '../modules/notices/index.ts';
import { registryAbilities } from '../modules/orgs/index.ts';
import { reviewAbilities } from '../modules/review/index.ts';
import { recommendationAbilities } from '../modules/recommendations/index.ts';
import { returnAbilities } from '../modules/returns/index.ts';
import { spaceAbilities } from '../modules/spaces/index.ts';
import { spacesiteAbilities } from '../modules/spacesite/index.ts';
import { workbenchAbilities } from '../modules/workbench/index.ts';

export type Abilities = ReturnType<typeof abilitiesFor>;
export type Ability = keyof Abilities;

/**
 * Everything the UI may offer the actor, merged from each domain's policy. The server checks the
 * same policies again on every call; this only decides which buttons and menus appear.
 */
export function abilitiesFor(actor: Actor) {
  return { ...identityAbilities(actor), ...criteriaAbilities(actor), ...chainAbilities(actor), ...registryAbilities(actor), ...spaceAbilities(actor), ...callAbilities(actor), ...applicationAbilities(actor), ...noticeAbilities(actor), ...expertAbilities(actor), ...filingAbilities(actor), ...reviewAbilities(actor), ...recommendationAbilities(actor), ...creditAbilities(actor), ...rosterAbilities(actor), ...serviceAbilities(actor), ...mentorAbilities(actor), ...changeAbilities(actor), ...returnAbilities(actor), ...evaluationAbilities(actor), ...revocationAbilities(actor), ...timelineAbilities(actor), ...bookingAbilities(actor), ...spacesiteAbilities(actor), ...eventAbilities(actor), ...policyAbilities(actor), ...supportAbilities(actor), ...crowdAbilities(actor), ...financingAbilities(actor), ...workbenchAbilities(actor), ...dashboardAbilities(actor), ...pitchAbilities(actor), ...dupcheckAbilities(actor) };
}

/** Distinct actors whose abilities are kept; past it the cache starts over (a bound, not an LRU). */
const CACHED_ACTORS = 1000;
const cached = new Map<string, Readonly<Abilities>>();

/**
 * `abilitiesFor`, remembered per actor: the policies are pure functions of the actor, and merging
 * every domain's answers was about a third of the CPU of `GET /api/me` (the page every screen of
 * the web app asks first; BENCHMARKS.md, hot reads). The key is the whole actor but its session,
 * so a changed role, organisation or flag is a different actor; the answers are frozen since they
 * are shared.
 */
export function cachedAbilitiesFor(actor: Actor): Readonly<Abilities> {
  const { sessionId: _session, ...who } = actor;
  const key = JSON.stringify(who);
  let abilities = cached.get(key);
  if (!abilities) {
    if (cached.size >= CACHED_ACTORS) cached.clear();
    cached.set(key, (abilities = Object.freeze(abilitiesFor(actor))));
  }
  return abilities;
}

/**
 * Every ability key, for the answer's schema (the web's `Me['abilities']` is typed by them). The keys
 * do not depend on the actor: asked of nobody, every answer is simply false.
 */
export const ABILITY_KEYS = Object.keys(
  abilitiesFor({
    userId: '',
    username: '',
    displayName: '',
    sessionId: '',
    roles: [],
    org: { id: '', name: '', kind: 'operator', authorityLevel: null, regionCode: '', regionName: '' },
    jurisdictionPath: null,
    mustChangePassword: false,
    mfaEnrolled: false,
    locale: 'zh-CN',
  }),
).sort() as Ability[];
