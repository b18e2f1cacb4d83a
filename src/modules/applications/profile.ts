import type { SpaceProfileInput } from '../criteria/index.ts';
import type { HostType } from '../../shared/domain.ts';
import type { SpaceProfileFacts } from '../spaces/index.ts';
import { checkBasicInfo, missingBasicInfo, missingReport, type BasicInfo, type Indicators, type Report, type YesWithName } from './dossier.ts';

/** Material slots whose filling the conditions check (`materials.*` of the evaluation input). */
export const SLOT_APPLICANT_COMMITMENT = 'applicant_commitment';
const MATERIAL_FLAGS = {
  [SLOT_APPLICANT_COMMITMENT]: 'applicantCommitment',
  authority_commitment: 'authorityCommitment',
  recommendation_letter: 'recommendationLetter',
} as const;

const hostsOf = (facts: SpaceProfileFacts, types: readonly HostType[]): YesWithName => {
  const names = facts.hosts.filter((h) => h.hostType && types.includes(h.hostType)).map((h) => h.name);
  return names.length ? { yes: true, name: names.join('、') } : { yes: false };
};

/** The object without its null and undefined values (absent is how a profile or a draft says "not known"). */
const defined = <T extends object>(o: { [K in keyof T]: T[K] | null | undefined }): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;

/**
 * The 基础信息表 as the registry already knows it (space, operator profile, hosts), so the applicant
 * never retypes it; the numbers of the form are left for the applicant.
 */
export function prefillBasicInfo(facts: SpaceProfileFacts): BasicInfo {
  const { space, operator } = facts;
  return defined<BasicInfo>({
    spaceName: space.name,
    foundedOn: space.foundedOn,
    operatorName: operator.name,
    operatorNature: operator.nature,
    legalRepresentative: operator.legalRepresentative,
    legalRepresentativePhone: operator.phone,
    principalName: operator.principalName,
    principalMobile: operator.principalMobile,
    contactName: operator.contactName,
    contactMobile: operator.contactMobile,
    address: operator.address,
    email: operator.email,
    builtByEnterprise: hostsOf(facts, ['leading_enterprise', 'high_tech_enterprise']),
    builtByUniversity: hostsOf(facts, ['university', 'university_science_park']),
    builtByResearchInstitute: hostsOf(facts, ['research_institute', 'new_rnd_institution']),
    professionalDirection: space.subField ? `${space.industryName}（${space.subField}）` : space.industryName,
    onlinePlatform: space.onlinePlatform ? { yes: true, name: space.onlinePlatform.name } : { yes: false },
    publicTechPlatform: space.techPlatform ? { yes: true, name: space.techPlatform.name } : { yes: false },
    managementSystems: space.managementSystems,
  });
}

const LEVEL_RANK = { none: 0, city: 1, province: 2, national: 3 } as const;
type Level = keyof typeof LEVEL_RANK;
const highest = (...levels: (Level | undefined)[]): Level | undefined =>
  levels.filter((l): l is Level => !!l).sort((a, b) => LEVEL_RANK[b] - LEVEL_RANK[a])[0];

export interface DossierState {
  basicInfo: BasicInfo;
  report: Report;
  indicators: Indicators;
  /** Keys of the material slots holding at least one file. */
  filledSlots: ReadonlySet<string>;
  commitmentConfirmed: boolean;
}

/**
 * The evaluation input of the self-assessment: registry facts, then what the 基础信息表 and the
 * 申报书 declare, then the indicators the applicant gave for the rule set (these win: they answer
 * the condition's own wording where the form's field only comes close).
 */
export function buildProfile(facts: SpaceProfileFacts, d: DossierState): SpaceProfileInput {
  const b = d.basicInfo;
  const host = facts.hosts[0];
  const cred = host?.credentials ?? null;
  const systems = b.managementSystems;
  const materials: Record<string, boolean> = {
    basicInfo: missingBasicInfo(b).length === 0 && checkBasicInfo(b).length === 0,
    report: missingReport(d.report).length === 0,
  };
  for (const [slot, flag] of Object.entries(MATERIAL_FLAGS))
    materials[flag] = d.filledSlots.has(slot) && (slot !== SLOT_APPLICANT_COMMITMENT || d.commitmentConfirmed);
  return {
    space: defined({
      name: b.spaceName ?? facts.space.name,
      category: facts.space.category,
      regularType: facts.space.regularType ?? undefined,
      industry: facts.space.industryName,
      subField: facts.space.subField ?? undefined,
      ...d.indicators.space,
    }),
    operator: defined({
      hasManagementSystems: systems ? systems.entryStandard && systems.exitConditions && systems.incubateeDatabase : undefined,
      ...d.indicators.operator,
    }),
    host: defined({
      type: host?.hostType ?? undefined,
      labLevel: cred ? highest(cred.keyLabLevel, cred.engineeringCentreLevel) : undefined,
      provincialTechCentre: cred?.enterpriseTechCentreLevel ? LEVEL_RANK[cred.enterpriseTechCentreLevel] >= LEVEL_RANK.province : undefined,
      goodRecord3Years: cred?.goodRecord3Years,
      hasServiceManagementSystems: cred?.hasServiceManagementSystems,
      ...d.indicators.host,
    }),
    indicators: defined({
      staffTotal: b.teamTotal,
      staffCollegePlus: b.teamCollegePlus,
      mentors: b.mentors,
      fundWan: b.angelFundWan,
      incubatedEnterprises: b.residentEnterprises,
      independentSpaceM2: b.floorAreaM2,
      lowCostSpaceM2: b.publicServiceAreaM2,
      ...d.indicators.indicators,
    }),
    facts: defined({
      onlinePlatform: b.onlinePlatform?.yes,
      openPublicTechPlatform: b.publicTechPlatform?.yes,
      hasInvestmentFund: b.angelFundWan === undefined ? undefined : b.angelFundWan > 0,
      ...d.indicators.facts,
    }),
    materials,
    lists: d.report.successCases ? { successCases: d.report.successCases.map((c) => ({ title: c.title })) } : {},
  };
}
