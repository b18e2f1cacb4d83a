/**
 * The domain's fixed vocabularies (DESIGN.md §2), as plain constants with no database or server
 * imports, so the server's schemas and the web app share one copy.
 */
export const ROLES = [
  'operator_admin',
  'operator_staff',
  'authority_admin',
  'authority_reviewer',
  'intake_clerk',
  'expert',
  'maker',
  'system_admin',
  'security_admin',
  'audit_admin',
] as const;
export type Role = (typeof ROLES)[number];

/** The three separated administrator powers (三权分立): no account may hold two. */
export const ADMIN_POWERS = ['system_admin', 'security_admin', 'audit_admin'] as const satisfies readonly Role[];

export const ORG_KINDS = [
  'operator',
  'host',
  'authority',
  'recommending_unit',
  'intake_agency',
  'expert_body',
  'maker_team',
  'platform',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const AUTHORITY_LEVELS = ['county', 'city', 'province', 'national'] as const;
export type AuthorityLevel = (typeof AUTHORITY_LEVELS)[number];

export const HOST_TYPES = [
  'leading_enterprise',
  'high_tech_enterprise',
  'research_institute',
  'university',
  'new_rnd_institution',
  'incubator',
  'university_science_park',
] as const;
export type HostType = (typeof HOST_TYPES)[number];

/** Recommending units are city bureaus or national high-tech zone committees (001 §三). */
export const RECOMMENDER_TYPES = ['city_bureau', 'hitech_zone_committee'] as const;

/** 运营主体性质 (001 附件2): 事业单位, 企业（国有/民营）, 投资机构, 高校, 其它社会组织. */
export const ORG_NATURES = ['public_institution', 'enterprise_state', 'enterprise_private', 'investment_institution', 'university', 'other'] as const;
export type OrgNature = (typeof ORG_NATURES)[number];

/** Key industries (004 §二.三). */
export const KEY_INDUSTRIES = [
  'electronic_information',
  'biotechnology',
  'modern_agriculture',
  'advanced_equipment',
  'new_energy',
  'new_materials',
  'energy_saving',
  'medicine_health',
  'cultural_creative',
  'modern_services',
] as const;
export type KeyIndustry = (typeof KEY_INDUSTRIES)[number];

/** A maker signs up alone or as a team (issue 15: 创客 self-registration); either is a `maker_team` organisation. */
export const MAKER_TYPES = ['individual', 'team'] as const;
export type MakerType = (typeof MAKER_TYPES)[number];

export const SPACE_CATEGORIES = ['regular', 'professional'] as const;
/** The three regular types (003 第五条). */
export const REGULAR_TYPES = ['tech_support', 'investment_driven', 'comprehensive'] as const;

export const CALL_LEVELS = ['city', 'province', 'national'] as const;
export type CallLevel = (typeof CALL_LEVELS)[number];

/** A yearly evaluation's grades (003 第十条): 优秀 / 良好 / 合格 / 不合格 (A/B/C/D), best first. */
export const GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_NAMES: Record<Grade, { zh: string; en: string; letter: string }> = {
  excellent: { zh: '优秀', en: 'excellent', letter: 'A' },
  good: { zh: '良好', en: 'good', letter: 'B' },
  pass: { zh: '合格', en: 'pass', letter: 'C' },
  fail: { zh: '不合格', en: 'fail', letter: 'D' },
};

/**
 * The review chains of the seeds (DESIGN §4): the three real chains, and a province recommending
 * its filed spaces to the national call (002 §四; 000 §五); and the change report of a filed space
 * (002 §四(二), src/modules/changes). Stages in src/shared/chains.ts.
 */
export const CHAIN_TEMPLATES = ['xuchang_city', 'liaoning_province', 'jiangsu_national', 'province_national', 'change_report'] as const;

/**
 * Application states (DESIGN §4). Where an application stands in its chain is `stageKey`; the
 * status says what is happening there. The one transition table is src/modules/applications/transitions.ts.
 */
export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'withdrawn',
  'in_review',
  'returned',
  'in_public_notice',
  'rejected',
  'filed',
  'cancelled_for_fraud',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** The states in which a submission waits for some stage's work: the review queues' rows. */
export const WAITING_STATUSES = ['submitted', 'in_review', 'returned', 'in_public_notice'] as const satisfies readonly ApplicationStatus[];
