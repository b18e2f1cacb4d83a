import { evaluate, loadSeededRuleSets, SpaceProfile } from '../src/modules/criteria/index.ts';
import { rng } from './stats.ts';

type RuleSetDefinition = ReturnType<typeof loadSeededRuleSets>[number];
type Condition = RuleSetDefinition['conditions'][number];

/** Every evidence key the rule sets ask a reviewer to confirm. */
function evidenceKeys(defs: readonly RuleSetDefinition[]): string[] {
  const keys = new Set<string>();
  const walk = (cs: readonly Condition[]) => {
    for (const c of cs) {
      if (c.kind === 'evidence') keys.add(c.key);
      if (c.kind === 'all_of' || c.kind === 'any_of') walk(c.conditions);
    }
  };
  for (const d of defs) walk(d.conditions);
  return [...keys];
}

/** Share of generated profiles made to meet every seeded rule set (the rest are random and mostly fail early). */
export const COMPLIANT_SHARE = 0.4;

/**
 * Space profiles for the benchmark: a share that meets every seeded rule set (values at or above
 * each threshold by a random margin, every flag and evidence item given), so the engine walks every
 * condition to a pass and builds every explanation; the rest random, failing or missing data
 * somewhere as real drafts do.
 */
export function generateProfiles(n: number, seed = 2026, defs = loadSeededRuleSets()): SpaceProfile[] {
  const r = rng(seed);
  const int = (max: number) => Math.floor(r() * (max + 1));
  const confirmed = Object.fromEntries(evidenceKeys(defs).map((k) => [k, 'confirmed' as const]));
  const compliant = (i: number) => {
    const incubated = 10 + int(50);
    const staffTotal = 5 + int(25);
    return SpaceProfile.parse({
      space: { name: `样例${i}专业化众创空间`, category: 'professional', regularType: (['tech_support', 'investment_driven', 'comprehensive'] as const)[int(2)], provincialFiling: r() < 0.5 ? 'applying' : 'filed' },
      operator: { independentLegalPerson: true, registeredInJurisdiction: true, hasManagementSystems: true },
      host: { type: (['leading_enterprise', 'research_institute', 'new_rnd_institution'] as const)[int(2)], labLevel: 'province', goodRecord3Years: true, hasServiceManagementSystems: true },
      indicators: {
        teamsInSubField: 15 + int(30),
        incubatedEnterprises: incubated,
        professionalEventsPerYear: 5 + int(10),
        industryMentors: Math.ceil(incubated / 15) + int(3),
        mentors: 3 + int(10),
        fundWan: 300 + int(900),
        incubationStaff: Math.ceil(incubated / 15) + int(3),
        staffTotal,
        staffCollegePlus: Math.ceil(staffTotal * 0.6) + int(Math.floor(staffTotal * 0.4)),
        lowCostSpaceM2: 500 + int(3000),
        independentSpaceM2: 500 + int(3000),
        leaseYears: 5 + int(10),
        sharedEquipmentValueWan: 20 + int(200),
        servedPerYear: 30 + int(60),
        servedLast3Years: 20 + int(100),
        successfulIncubationCases: 3 + int(5),
        successfulInvestmentCases: 2 + int(5),
        fullTimeInvestmentManagers: 2 + int(3),
        fullTimeTrainersOrInvestmentExperts: 2 + int(3),
      },
      facts: {
        ownsPremises: r() < 0.3,
        freeHighBandwidthInternet: true,
        separateAccounting: true,
        basicServices: true,
        regularEvents: true,
        onlinePlatform: true,
        openPublicTechPlatform: true,
        hasInvestmentFund: true,
        ownAngelFund: true,
        threeYearServicePlan: true,
        dedicatedOperatingBody: true,
        hostExecutiveLeads: true,
      },
      materials: { basicInfo: true, report: true, applicantCommitment: true, authorityCommitment: true, recommendationLetter: true },
      lists: { successCases: Array.from({ length: 3 + int(2) }, (_, k) => ({ title: `案例${k}` })) },
      evidence: confirmed,
    });
  };
  const maybe = <T>(v: T) => (r() < 0.9 ? v : undefined);
  const types = ['tech_support', 'investment_driven', 'comprehensive'] as const;
  const hosts = ['leading_enterprise', 'research_institute', 'university', 'incubator'] as const;
  const random = (i: number) =>
    SpaceProfile.parse({
      space: { name: `样例${i}专业化众创空间`, category: r() < 0.5 ? 'regular' : 'professional', regularType: types[int(2)], provincialFiling: 'applying' },
      operator: { independentLegalPerson: r() < 0.9, registeredInJurisdiction: r() < 0.8, hasManagementSystems: r() < 0.9 },
      host: { type: hosts[int(3)], labLevel: 'province', goodRecord3Years: true },
      indicators: {
        teamsInSubField: maybe(int(40)),
        incubatedEnterprises: maybe(int(60)),
        professionalEventsPerYear: maybe(int(12)),
        industryMentors: maybe(int(6)),
        mentors: maybe(int(10)),
        fundWan: maybe(int(800)),
        incubationStaff: maybe(int(6)),
        staffTotal: maybe(1 + int(30)),
        staffCollegePlus: maybe(int(30)),
        lowCostSpaceM2: maybe(int(2000)),
        independentSpaceM2: maybe(int(2000)),
        leaseYears: maybe(int(10)),
        sharedEquipmentValueWan: maybe(int(100)),
        servedPerYear: maybe(int(60)),
        servedLast3Years: maybe(int(80)),
        successfulIncubationCases: maybe(int(6)),
        successfulInvestmentCases: maybe(int(6)),
        fullTimeInvestmentManagers: maybe(int(4)),
        fullTimeTrainersOrInvestmentExperts: maybe(int(4)),
      },
      facts: { onlinePlatform: r() < 0.8, ownsPremises: r() < 0.3, freeHighBandwidthInternet: true, separateAccounting: r() < 0.9 },
      lists: { successCases: Array.from({ length: int(6) }, (_, k) => ({ title: `案例${k}` })) },
      evidence: r() < 0.5 ? {} : { ln_host_interaction: 'confirmed' },
    });
  return Array.from({ length: n }, (_, i) => (r() < COMPLIANT_SHARE ? compliant(i) : random(i)));
}

/**
 * Evaluates 15,000 generated profiles against each seeded rule set; target: under 1 s per rule
 * set. A rule set none of the profiles passes is a missed target too: the passing path (every
 * condition evaluated, every explanation built) would go unmeasured.
 */
export function benchCriteria(n = 15_000) {
  const defs = loadSeededRuleSets();
  const profiles = generateProfiles(n, 2026, defs);
  return defs.map((def) => {
    evaluate(def, profiles[0]!); // warm-up
    const start = process.hrtime.bigint();
    let passed = 0;
    for (const p of profiles) if (evaluate(def, p).overall === 'pass') passed++;
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    return { ruleSet: def.id, profiles: n, ms: Math.round(ms), perProfileUs: Math.round((ms * 1000) / n), passed, passedShare: `${Math.round((passed * 100) / n)}%`, targetMet: ms < 1000 && passed > 0 };
  });
}
