import { type BodyOf, http, type QueryOf, type ResponseOf } from './client';
import type { Condition, GroupCondition, RuleSetDefinition } from '../../../src/modules/criteria/rules.ts';
import { HOST_TYPES } from './types';

/** Rule sets (备案条件规则集): src/modules/criteria/routes.ts, and the condition model of rules.ts. */

export type RuleSetSummary = ResponseOf<'/api/criteria/rule-sets', 'get'>['items'][number];
/**
 * A rule set with its definition. The route's response schema leaves the definition open
 * (`Record<string, unknown>`: its handler passes the stored JSON through); what it holds is a
 * RuleSetDefinition (src/modules/criteria/rules.ts), the one place the web reads it as such.
 */
export type RuleSetDetail = Omit<ResponseOf<'/api/criteria/rule-sets/{id}', 'get'>, 'definition'> & { definition: RuleSetDefinition };
const withDefinition = (detail: ResponseOf<'/api/criteria/rule-sets/{id}', 'get'>): RuleSetDetail => ({ ...detail, definition: detail.definition as RuleSetDefinition });

import { REGULAR_TYPES, SPACE_CATEGORIES } from '../../../src/shared/domain.ts';

export { REGULAR_TYPES, SPACE_CATEGORIES };
export const PROVINCIAL_FILING = ['none', 'applying', 'filed'] as const;
export const LAB_LEVELS = ['none', 'city', 'province', 'national'] as const;
export const EVIDENCE_VERDICTS = ['pending', 'confirmed', 'rejected'] as const;

/**
 * The condition model is the server's own (src/modules/criteria/rules.ts): the rule-set definition
 * the editor builds is checked by that schema when saved.
 */
export type { Condition, GroupCondition, RuleSetDefinition } from '../../../src/modules/criteria/rules.ts';
export type Applicability = NonNullable<Condition['appliesTo']>;

export type ConditionKind = Condition['kind'];
export const LEAF_KINDS = ['threshold', 'per_group', 'share', 'flag', 'enum', 'count', 'pattern', 'evidence'] as const;
export const GROUP_KINDS = ['all_of', 'any_of'] as const;



export const isGroup = (c: Condition): c is GroupCondition => c.kind === 'all_of' || c.kind === 'any_of';

export type Evaluation = ResponseOf<'/api/criteria/rule-sets/{id}/evaluate', 'post'>;
export type Outcome = Evaluation['overall'];
export type ConditionResult = Evaluation['results'][number];
export type ConditionOutcome = ConditionResult['outcome'];
export const OUTCOMES = ['pass', 'fail', 'needs_review', 'missing_data', 'not_applicable'] as const satisfies readonly ConditionOutcome[];

export const criteriaApi = {
  list: (query: QueryOf<'/api/criteria/rule-sets', 'get'>) => http.get('/api/criteria/rule-sets', { query }),
  get: (id: string) => http.get('/api/criteria/rule-sets/{id}', { path: { id } }).then(withDefinition),
  save: (id: string, body: { revision: number; definition: RuleSetDefinition }) => http.put('/api/criteria/rule-sets/{id}', { path: { id }, body }),
  clone: (id: string, body: BodyOf<'/api/criteria/rule-sets/{id}/clone', 'post'>) => http.post('/api/criteria/rule-sets/{id}/clone', { path: { id }, body }),
  publish: (id: string, revision: number) => http.post('/api/criteria/rule-sets/{id}/publish', { path: { id }, body: { revision } }),
  evaluate: (id: string, profile: Record<string, unknown>) => http.post('/api/criteria/rule-sets/{id}/evaluate', { path: { id }, body: { profile } }),
};

/**
 * Every field a condition may name (src/modules/criteria/profile.ts FIELDS): its input type, and
 * whether the locales carry a unit (`criteria.units.<path>`) and a noun (`criteria.nouns.<path>`).
 * The Chinese and English labels are in the locales under `criteria.fields.<path>`.
 */
export type FieldType = 'text' | 'enum' | 'boolean' | 'integer' | 'number' | 'list';
export interface FieldInfo {
  path: string;
  type: FieldType;
  unit?: boolean;
  noun?: boolean;
}

export const FIELDS = [
  { path: 'space.name', type: 'text' },
  { path: 'space.category', type: 'enum' },
  { path: 'space.regularType', type: 'enum' },
  { path: 'space.subField', type: 'text' },
  { path: 'space.provincialFiling', type: 'enum' },
  { path: 'operator.independentLegalPerson', type: 'boolean' },
  { path: 'operator.registeredInJurisdiction', type: 'boolean' },
  { path: 'operator.runByCityLevelIncubator', type: 'boolean' },
  { path: 'operator.hasManagementSystems', type: 'boolean' },
  { path: 'host.type', type: 'enum' },
  { path: 'host.labLevel', type: 'enum' },
  { path: 'host.provincialTechCentre', type: 'boolean' },
  { path: 'host.goodRecord3Years', type: 'boolean' },
  { path: 'host.hasServiceManagementSystems', type: 'boolean' },
  { path: 'indicators.teamsInSubField', type: 'integer', unit: true },
  { path: 'indicators.incubatedEnterprises', type: 'integer', unit: true, noun: true },
  { path: 'indicators.professionalEventsPerYear', type: 'integer', unit: true },
  { path: 'indicators.industryMentors', type: 'integer', unit: true, noun: true },
  { path: 'indicators.mentors', type: 'integer', unit: true, noun: true },
  { path: 'indicators.fundWan', type: 'number', unit: true },
  { path: 'indicators.incubationStaff', type: 'integer', unit: true, noun: true },
  { path: 'indicators.staffTotal', type: 'integer', unit: true },
  { path: 'indicators.staffCollegePlus', type: 'integer', unit: true },
  { path: 'indicators.lowCostSpaceM2', type: 'number', unit: true },
  { path: 'indicators.independentSpaceM2', type: 'number', unit: true },
  { path: 'indicators.leaseYears', type: 'number', unit: true },
  { path: 'indicators.sharedEquipmentValueWan', type: 'number', unit: true },
  { path: 'indicators.servedPerYear', type: 'integer', unit: true },
  { path: 'indicators.servedLast3Years', type: 'integer', unit: true },
  { path: 'indicators.successfulIncubationCases', type: 'integer', unit: true },
  { path: 'indicators.successfulInvestmentCases', type: 'integer', unit: true },
  { path: 'indicators.fullTimeInvestmentManagers', type: 'integer', unit: true },
  { path: 'indicators.fullTimeTrainersOrInvestmentExperts', type: 'integer', unit: true },
  { path: 'facts.ownsPremises', type: 'boolean' },
  { path: 'facts.freeHighBandwidthInternet', type: 'boolean' },
  { path: 'facts.separateAccounting', type: 'boolean' },
  { path: 'facts.basicServices', type: 'boolean' },
  { path: 'facts.regularEvents', type: 'boolean' },
  { path: 'facts.onlinePlatform', type: 'boolean' },
  { path: 'facts.openPublicTechPlatform', type: 'boolean' },
  { path: 'facts.hasInvestmentFund', type: 'boolean' },
  { path: 'facts.ownAngelFund', type: 'boolean' },
  { path: 'facts.threeYearServicePlan', type: 'boolean' },
  { path: 'facts.dedicatedOperatingBody', type: 'boolean' },
  { path: 'facts.hostExecutiveLeads', type: 'boolean' },
  { path: 'materials.basicInfo', type: 'boolean' },
  { path: 'materials.report', type: 'boolean' },
  { path: 'materials.applicantCommitment', type: 'boolean' },
  { path: 'materials.authorityCommitment', type: 'boolean' },
  { path: 'materials.recommendationLetter', type: 'boolean' },
  { path: 'lists.successCases', type: 'list', unit: true },
] as const satisfies readonly FieldInfo[];

export type FieldPath = (typeof FIELDS)[number]['path'];
export const FIELD_INFO = new Map<string, FieldInfo>(FIELDS.map((f) => [f.path, f]));

/** The values an enum field takes; their labels are `criteria.enum.<path>.<value>` (host types: `hostType.<value>`). */
export const ENUM_VALUES: Record<string, readonly string[]> = {
  'space.category': SPACE_CATEGORIES,
  'space.regularType': REGULAR_TYPES,
  'space.provincialFiling': PROVINCIAL_FILING,
  'host.type': HOST_TYPES,
  'host.labLevel': LAB_LEVELS,
};
