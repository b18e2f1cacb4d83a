import { evaluate, loadSeededRuleSets, SpaceProfile } from '../src/modules/criteria/index.ts';

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same profiles. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateProfiles(n: number, seed = 2026): SpaceProfile[] {
  const r = rng(seed);
  const int = (max: number) => Math.floor(r() * (max + 1));
  const maybe = <T>(v: T) => (r() < 0.9 ? v : undefined);
  const types = ['tech_support', 'investment_driven', 'comprehensive'] as const;
  const hosts = ['leading_enterprise', 'research_institute', 'university', 'incubator'] as const;
  return Array.from({ length: n }, (_, i) =>
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
    }),
  );
}

/** Evaluates 15,000 generated profiles against each seeded rule set; target: under 1 s per rule set. */
export function benchCriteria(n = 15_000) {
  const profiles = generateProfiles(n);
  const rows = loadSeededRuleSets().map((def) => {
    evaluate(def, profiles[0]!); // warm-up
    const start = process.hrtime.bigint();
    let passed = 0;
    for (const p of profiles) if (evaluate(def, p).overall === 'pass') passed++;
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    return { ruleSet: def.id, profiles: n, ms: Math.round(ms), perProfileUs: Math.round((ms * 1000) / n), passed, targetMet: ms < 1000 };
  });
  return rows;
}
