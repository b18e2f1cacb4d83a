/**
 * The review chains of the seeds (DESIGN §4) as data: a call names one template and its applications
 * move through the stages in order. Pure constants, shared by the server and the web app.
 */
import type { AuthorityLevel, CallLevel, CHAIN_TEMPLATES } from './domain.ts';

/**
 * - review: reviewers pass, return or reject with a verdict and note on every checklist item
 *   (001 §三.2 "严禁审核走过场"); intake checks (受理) are reviews by the intake agency.
 * - notice: the authority puts the applications on a public notice (公示); objections are handled
 *   before they move on.
 * - recommend: the recommending unit issues a 推荐函 (and the 主管部门信用承诺书 where the stage asks)
 *   for a batch of applications and sends them on.
 * - expert: experts of the authority's pool score the applications; the authority then passes or rejects.
 * - decision: the authority records pending decisions and releases them together as a published list:
 *   the 备案名单 at the last stage, a recommendation list (推荐名单) when a stage follows.
 */
export const STAGE_KINDS = ['review', 'notice', 'recommend', 'expert', 'decision'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/**
 * The kinds of submission a chain moves (`chains.kind`): those src/modules/index.ts registers with the
 * workflow kernel (a test keeps the two the same), named here so a list filters and labels by them.
 */
export const CHAIN_KINDS = ['filing', 'annual_return', 'evaluation', 'revocation', 'support', 'change_report'] as const;
export type ChainKind = (typeof CHAIN_KINDS)[number];

/**
 * Who works a stage, always within a jurisdiction holding the space:
 * - authority: the S&T department of that level;
 * - recommender: a city bureau, or a recommending unit such as a national high-tech zone committee (001 §三);
 * - intake: the intake agency (受理单位) of the province;
 * - unit: a department registered as a recommending unit (a high-tech zone committee) working its
 *   own chain, the disclosure of the supports it grants; never a city bureau.
 */
export type StageActor = { kind: 'authority'; level: AuthorityLevel } | { kind: 'recommender' } | { kind: 'intake' } | { kind: 'unit' };

export interface ChecklistItem {
  key: string;
  label: string;
  labelEn: string;
}

/** A verdict on one checklist item of a stage (001 §三.2 "严禁审核走过场": every item, with a note). */
export interface ChecklistVerdict {
  key: string;
  verdict: 'ok' | 'problem' | 'not_applicable';
  note: string;
}

export interface StageTemplate {
  /** Unique within the chain. */
  key: string;
  kind: StageKind;
  name: string;
  nameEn: string;
  actor: StageActor;
  /** Days the stage's authority has, from the day an application enters the stage. */
  dueDays: number;
  /** What a pass (or a recommendation, intake or decision) must give a verdict and note on. */
  checklist: readonly ChecklistItem[];
  /** Recommend stages: the documents the batch carries (推荐函; 主管部门信用承诺书, 001 附件5). */
  documents?: readonly ('letter' | 'authority_commitment')[];
  /** The level of the filing a released approval at the last stage gives. */
  filingLevel?: 'city' | 'province' | 'national';
}

export interface ChainTemplate {
  key: ChainTemplateKey;
  /** The kind of submission it moves (a kind registered with the workflow kernel); only calls of that kind pin it. */
  kind: string;
  name: string;
  nameEn: string;
  /** The level of the calls that use the chain. */
  level: CallLevel;
  /** Only spaces holding an active filing at this level may apply (a filed provincial space goes national). */
  requiresFiling?: 'city' | 'province';
  stages: readonly StageTemplate[];
}

const item = (key: string, label: string, labelEn: string): ChecklistItem => ({ key, label, labelEn });

const AUTHENTICITY: readonly ChecklistItem[] = [
  item('materials_authentic', '申报材料真实、准确', 'The materials are authentic and accurate'),
  item('materials_complete', '申报材料齐全、符合要求', 'The materials are complete and as required'),
  item('conditions_met', '符合备案条件', 'The filing conditions are met'),
  item('site_checked', '场地与运营情况已核实', 'Premises and operation verified'),
];

const RECOMMEND: readonly ChecklistItem[] = [
  item('conditions_met', '经审核符合备案条件', 'Reviewed and meets the conditions'),
  item('credit_checked', '申报单位无不良信用记录', 'The applicant has no bad credit record'),
];

const INTAKE: readonly ChecklistItem[] = [
  item('received', '材料已按时送达', 'Materials received in time'),
  item('complete', '材料齐全（含推荐函及信用承诺书）', 'Materials complete (incl. letters and commitments)'),
];

const FORMAL: readonly ChecklistItem[] = [
  item('format', '材料格式、签章符合要求', 'Format, signatures and seals as required'),
  item('conditions_met', '符合申报条件', 'Meets the call’s conditions'),
  item('naming', '名称规范（XXX专业化众创空间）', 'Name follows the rule (XXX专业化众创空间)'),
];

const EXPERT: readonly ChecklistItem[] = [
  item('scores_complete', '专家评分已完成', 'Expert scoring complete'),
  item('ranking_considered', '已结合评分排名提出意见', 'Opinion given with the ranking in view'),
];

const DECISION: readonly ChecklistItem[] = [item('decision_basis', '审定依据充分', 'The decision is well founded')];

export type ChainTemplateKey = (typeof CHAIN_TEMPLATES)[number];

export const CHAINS: Record<ChainTemplateKey, ChainTemplate> = {
  // 003 第七、八条: county initial review, written recommendation, city review, "达标一批，备案一批".
  xuchang_city: {
    key: 'xuchang_city',
    kind: 'filing',
    level: 'city',
    name: '许昌市备案：县（市、区）初审 → 书面推荐 → 市科技局审核备案',
    nameEn: 'Xuchang city filing: county review → recommendation → city review and filing',
    stages: [
      { key: 'county_review', kind: 'review', name: '县级初审', nameEn: 'County initial review', actor: { kind: 'authority', level: 'county' }, dueDays: 15, checklist: AUTHENTICITY },
      { key: 'county_recommend', kind: 'recommend', name: '县级书面推荐', nameEn: 'County recommendation', actor: { kind: 'authority', level: 'county' }, dueDays: 10, checklist: RECOMMEND, documents: ['letter'] },
      { key: 'city_review', kind: 'review', name: '市科技局审核', nameEn: 'City review', actor: { kind: 'authority', level: 'city' }, dueDays: 20, checklist: FORMAL.slice(0, 2) },
      { key: 'city_decision', kind: 'decision', name: '市级审定备案', nameEn: 'City decision and filing', actor: { kind: 'authority', level: 'city' }, dueDays: 15, checklist: DECISION, filingLevel: 'city' },
    ],
  },
  // 002 §四: city authenticity review, 公示, recommendation, provincial review, published results.
  liaoning_province: {
    key: 'liaoning_province',
    kind: 'filing',
    level: 'province',
    name: '辽宁省级备案：市级真实性审查 → 公示 → 推荐 → 省级评审 → 备案名单',
    nameEn: 'Liaoning provincial filing: city authenticity review → public notice → recommendation → provincial review → filing list',
    stages: [
      { key: 'city_authenticity', kind: 'review', name: '市级真实性审查', nameEn: 'City authenticity review', actor: { kind: 'authority', level: 'city' }, dueDays: 15, checklist: AUTHENTICITY },
      { key: 'city_notice', kind: 'notice', name: '审查结果公示', nameEn: 'Public notice', actor: { kind: 'authority', level: 'city' }, dueDays: 15, checklist: [] },
      { key: 'city_recommend', kind: 'recommend', name: '市级书面推荐', nameEn: 'City recommendation', actor: { kind: 'authority', level: 'city' }, dueDays: 10, checklist: RECOMMEND, documents: ['letter'] },
      { key: 'province_expert', kind: 'expert', name: '省级专家评审', nameEn: 'Provincial expert review', actor: { kind: 'authority', level: 'province' }, dueDays: 30, checklist: EXPERT },
      { key: 'province_decision', kind: 'decision', name: '省级审定备案', nameEn: 'Provincial decision and filing', actor: { kind: 'authority', level: 'province' }, dueDays: 15, checklist: DECISION, filingLevel: 'province' },
    ],
  },
  // 001 §三 and 000 §五: recommendation with letters, intake, provincial formal review and selection, national review.
  jiangsu_national: {
    key: 'jiangsu_national',
    kind: 'filing',
    level: 'national',
    name: '江苏推荐国家备案：推荐 → 受理 → 省级形式审查与遴选 → 科技部审核 → 国家备案名单',
    nameEn: 'Jiangsu to national: recommendation → intake → provincial formal review and selection → ministry review → national filing list',
    stages: [
      { key: 'city_recommend', kind: 'recommend', name: '设区市科技局或国家高新区管委会推荐', nameEn: 'Recommendation by the city bureau or high-tech zone', actor: { kind: 'recommender' }, dueDays: 10, checklist: RECOMMEND, documents: ['letter', 'authority_commitment'] },
      { key: 'intake', kind: 'review', name: '受理单位受理', nameEn: 'Intake', actor: { kind: 'intake' }, dueDays: 5, checklist: INTAKE },
      { key: 'province_formal', kind: 'review', name: '省级形式审查', nameEn: 'Provincial formal review', actor: { kind: 'authority', level: 'province' }, dueDays: 15, checklist: FORMAL },
      { key: 'province_expert', kind: 'expert', name: '省级专家评审', nameEn: 'Provincial expert review', actor: { kind: 'authority', level: 'province' }, dueDays: 20, checklist: EXPERT },
      { key: 'province_selection', kind: 'decision', name: '省级遴选推荐', nameEn: 'Provincial selection', actor: { kind: 'authority', level: 'province' }, dueDays: 10, checklist: DECISION },
      { key: 'national_review', kind: 'review', name: '科技部审核', nameEn: 'Ministry review', actor: { kind: 'authority', level: 'national' }, dueDays: 30, checklist: FORMAL.slice(1) },
      { key: 'national_decision', kind: 'decision', name: '国家备案审定', nameEn: 'National decision and filing', actor: { kind: 'authority', level: 'national' }, dueDays: 15, checklist: DECISION, filingLevel: 'national' },
    ],
  },
  // 002 §四 ("可推荐申报国家级众创空间备案") and 000 §五: the province recommends its filed spaces with
  // its letter and commitment; the ministry reviews and publishes the national filing list.
  province_national: {
    key: 'province_national',
    kind: 'filing',
    level: 'national',
    requiresFiling: 'province',
    name: '省级备案众创空间推荐国家备案：省科技厅推荐 → 科技部审核 → 国家备案名单',
    nameEn: 'Filed provincial spaces to national: provincial recommendation → ministry review → national filing list',
    stages: [
      {
        key: 'province_recommend',
        kind: 'recommend',
        name: '省科技厅推荐',
        nameEn: 'Provincial recommendation',
        actor: { kind: 'authority', level: 'province' },
        dueDays: 15,
        checklist: [item('provincial_filing', '已获省级备案且运行良好', 'Holds a provincial filing and runs well'), ...RECOMMEND],
        documents: ['letter', 'authority_commitment'],
      },
      { key: 'national_review', kind: 'review', name: '科技部审核', nameEn: 'Ministry review', actor: { kind: 'authority', level: 'national' }, dueDays: 30, checklist: FORMAL.slice(1) },
      { key: 'national_decision', kind: 'decision', name: '国家备案审定', nameEn: 'National decision and filing', actor: { kind: 'authority', level: 'national' }, dueDays: 15, checklist: DECISION, filingLevel: 'national' },
    ],
  },
  // 002 §四(二): a change of conditions is reported to the recommending unit within a month, which
  // reviews it and passes it to the province to approve; the filing record changes on approval
  // (src/modules/changes). A province clones it (default key change_report_<province code>) to adapt it.
  change_report: {
    key: 'change_report',
    kind: 'change_report',
    level: 'province',
    name: '变更报告：推荐单位审核 → 省级审批',
    nameEn: 'Change report: recommending unit review → provincial approval',
    stages: [
      {
        key: 'recommender_review',
        kind: 'review',
        name: '推荐单位审核',
        nameEn: 'Review by the recommending unit',
        actor: { kind: 'recommender' },
        dueDays: 15,
        checklist: [
          item('change_authentic', '变更事项属实，证明材料齐全', 'The change is real and the evidence complete'),
          item('conditions_kept', '变更后仍符合备案条件', 'The space still meets the filing conditions after the change'),
        ],
      },
      { key: 'province_approval', kind: 'decision', name: '省级审批变更', nameEn: 'Provincial approval of the change', actor: { kind: 'authority', level: 'province' }, dueDays: 15, checklist: DECISION, filingLevel: 'province' },
    ],
  },
};

/** A shipped template by its key. */
export const chainOf = (key: ChainTemplateKey): ChainTemplate => CHAINS[key];

/** A stage of a shipped template (seeding, tests); running code asks the call's chain with `stageIn`. */
export const stageOf = (key: ChainTemplateKey, stageKey: string): StageTemplate | undefined => stageIn(CHAINS[key], stageKey);

/** A chain a call runs on: a shipped template or an authority's own published version (same shape). */
export interface Chain {
  /** What a call pins: the published version's id. */
  id: string;
  /** The lineage ('liaoning_province'); shipped chains keep the seed template's key. */
  key: string;
  /** The kind of submission it moves; a call pins only a chain of its own kind. */
  kind: string;
  version: number;
  /** The jurisdiction that owns it; null for a chain shipped with the product. */
  ownerRegionCode: string | null;
  name: string;
  nameEn: string;
  level: CallLevel;
  requiresFiling: 'city' | 'province' | null;
  stages: readonly StageTemplate[];
}

/** The stage of a chain, or undefined when the chain has no such stage. */
export function stageIn(chain: Pick<Chain, 'stages'>, stageKey: string): StageTemplate | undefined {
  return chain.stages.find((s) => s.key === stageKey);
}

/** The stage after `stageKey`, or undefined at the end of the chain. */
export function stageAfterIn(chain: Pick<Chain, 'stages'>, stageKey: string): StageTemplate | undefined {
  const i = chain.stages.findIndex((s) => s.key === stageKey);
  return i >= 0 ? chain.stages[i + 1] : undefined;
}
