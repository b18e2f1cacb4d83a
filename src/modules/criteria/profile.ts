import { z } from 'zod';
import { HOST_TYPES } from '../../shared/domain.ts';

/**
 * The evaluation input: what the engine knows about a space (its "profile"). The dossier fills it
 * from the 基础信息表 and the registry; reviewers fill `evidence`. Every field is optional, because a
 * missing value is an outcome of its own (`missing_data`), never a crash.
 */
const count = z.number().int().min(0);
const amount = z.number().min(0);

export const SpaceProfile = z.strictObject({
  space: z.strictObject({
    name: z.string().optional(),
    category: z.enum(['regular', 'professional']).optional(),
    regularType: z.enum(['tech_support', 'investment_driven', 'comprehensive']).optional(),
    industry: z.string().optional(),
    subField: z.string().optional(),
    /** Status of the space's provincial filing (001 §一: in or applying for provincial filing). */
    provincialFiling: z.enum(['none', 'applying', 'filed']).optional(),
  }).default({}),
  operator: z.strictObject({
    independentLegalPerson: z.boolean().optional(),
    registeredInJurisdiction: z.boolean().optional(),
    runByCityLevelIncubator: z.boolean().optional(),
    hasManagementSystems: z.boolean().optional(),
  }).default({}),
  host: z.strictObject({
    type: z.enum(HOST_TYPES).optional(),
    labLevel: z.enum(['none', 'city', 'province', 'national']).optional(),
    provincialTechCentre: z.boolean().optional(),
    goodRecord3Years: z.boolean().optional(),
    hasServiceManagementSystems: z.boolean().optional(),
  }).default({}),
  indicators: z.strictObject({
    teamsInSubField: count.optional(),
    incubatedEnterprises: count.optional(),
    professionalEventsPerYear: count.optional(),
    industryMentors: count.optional(),
    mentors: count.optional(),
    fundWan: amount.optional(),
    incubationStaff: count.optional(),
    staffTotal: count.optional(),
    staffCollegePlus: count.optional(),
    lowCostSpaceM2: amount.optional(),
    independentSpaceM2: amount.optional(),
    leaseYears: amount.optional(),
    sharedEquipmentValueWan: amount.optional(),
    servedPerYear: count.optional(),
    servedLast3Years: count.optional(),
    successfulIncubationCases: count.optional(),
    successfulInvestmentCases: count.optional(),
    fullTimeInvestmentManagers: count.optional(),
    fullTimeTrainersOrInvestmentExperts: count.optional(),
  }).default({}),
  facts: z.strictObject({
    ownsPremises: z.boolean().optional(),
    freeHighBandwidthInternet: z.boolean().optional(),
    separateAccounting: z.boolean().optional(),
    basicServices: z.boolean().optional(),
    regularEvents: z.boolean().optional(),
    onlinePlatform: z.boolean().optional(),
    openPublicTechPlatform: z.boolean().optional(),
    hasInvestmentFund: z.boolean().optional(),
    ownAngelFund: z.boolean().optional(),
    threeYearServicePlan: z.boolean().optional(),
    dedicatedOperatingBody: z.boolean().optional(),
    hostExecutiveLeads: z.boolean().optional(),
  }).default({}),
  materials: z.strictObject({
    basicInfo: z.boolean().optional(),
    report: z.boolean().optional(),
    applicantCommitment: z.boolean().optional(),
    authorityCommitment: z.boolean().optional(),
    recommendationLetter: z.boolean().optional(),
  }).default({}),
  lists: z.strictObject({
    successCases: z.array(z.strictObject({ title: z.string() })).optional(),
  }).default({}),
  /** Reviewer verdicts on evidence items, by the condition's evidence key. */
  evidence: z.record(z.string(), z.enum(['pending', 'confirmed', 'rejected'])).default({}),
});

export type SpaceProfile = z.output<typeof SpaceProfile>;
export type SpaceProfileInput = z.input<typeof SpaceProfile>;

/** `noun` names the thing counted, where the label names the count (在孵企业 vs 在孵企业数). */
type Meta = { label: string; unit?: string; noun?: string };

/** Chinese label and unit of every field a condition may name; the rule schema accepts only these. */
export const FIELDS = {
  'space.name': { label: '众创空间名称' },
  'space.category': { label: '众创空间类别' },
  'space.regularType': { label: '众创空间类型' },
  'space.subField': { label: '细分产业领域' },
  'space.provincialFiling': { label: '省级众创空间备案状态' },
  'operator.independentLegalPerson': { label: '运营机构具有独立法人资格' },
  'operator.registeredInJurisdiction': { label: '在本辖区内注册' },
  'operator.runByCityLevelIncubator': { label: '依托市级以上科技企业孵化器（大学科技园）运营' },
  'operator.hasManagementSystems': { label: '具备完善的运营管理制度' },
  'host.type': { label: '建设（依托）主体类型' },
  'host.labLevel': { label: '重点实验室或工程技术研究中心级别' },
  'host.provincialTechCentre': { label: '建有省级企业技术中心、工程实验室或工程研究中心' },
  'host.goodRecord3Years': { label: '近三年经营业绩良好且无不良记录' },
  'host.hasServiceManagementSystems': { label: '制定有独立的创新创业服务管理制度和激励政策' },
  'indicators.teamsInSubField': { label: '细分领域创业团队或企业数量', unit: '家' },
  'indicators.incubatedEnterprises': { label: '在孵企业数', unit: '家', noun: '在孵企业' },
  'indicators.professionalEventsPerYear': { label: '每年举办专业技术领域活动', unit: '场' },
  'indicators.industryMentors': { label: '行业导师数', unit: '名', noun: '行业导师' },
  'indicators.mentors': { label: '创业导师数', unit: '名', noun: '创业导师' },
  'indicators.fundWan': { label: '投资基金规模', unit: '万元' },
  'indicators.incubationStaff': { label: '专业孵化服务人员数（不含物业服务人员）', unit: '名', noun: '专业孵化服务人员（不含物业服务人员）' },
  'indicators.staffTotal': { label: '管理团队人员总数', unit: '人' },
  'indicators.staffCollegePlus': { label: '大专以上学历人员数', unit: '人' },
  'indicators.lowCostSpaceM2': { label: '低成本工作、社交和培训场所总面积', unit: '平方米' },
  'indicators.independentSpaceM2': { label: '相对独立的入驻空间面积', unit: '平方米' },
  'indicators.leaseYears': { label: '场地租赁期限', unit: '年' },
  'indicators.sharedEquipmentValueWan': { label: '公共技术服务平台设备和软件总价值', unit: '万元' },
  'indicators.servedPerYear': { label: '年度服务企业和创新创业团队数量', unit: '个' },
  'indicators.servedLast3Years': { label: '近三年累计服务和孵化企业（团队）数量', unit: '家' },
  'indicators.successfulIncubationCases': { label: '成功孵化案例', unit: '个' },
  'indicators.successfulInvestmentCases': { label: '成功投资案例', unit: '个' },
  'indicators.fullTimeInvestmentManagers': { label: '全职投资管理人员', unit: '名' },
  'indicators.fullTimeTrainersOrInvestmentExperts': { label: '专职培训人员或投资专家', unit: '名' },
  'facts.ownsPremises': { label: '办公场所为自有产权' },
  'facts.freeHighBandwidthInternet': { label: '提供免费高带宽互联网接入' },
  'facts.separateAccounting': { label: '建设运营财务单独核算' },
  'facts.basicServices': { label: '具备工商注册、财会、法律等基础服务能力' },
  'facts.regularEvents': { label: '定期举办创新创业活动' },
  'facts.onlinePlatform': { label: '具有开放式线上服务平台' },
  'facts.openPublicTechPlatform': { label: '建有开放性公共技术创新平台' },
  'facts.hasInvestmentFund': { label: '具有创业投资基金、创新基金或合作设立的股权投资基金' },
  'facts.ownAngelFund': { label: '设立或合作设立可自主支配的天使投资基金' },
  'facts.threeYearServicePlan': { label: '制定有后三年创新创业服务目标' },
  'facts.dedicatedOperatingBody': { label: '成立专门的运营机构' },
  'facts.hostExecutiveLeads': { label: '由依托单位高管担任负责人' },
  'materials.basicInfo': { label: '基础信息表' },
  'materials.report': { label: '备案申报书' },
  'materials.applicantCommitment': { label: '申报单位信用承诺书' },
  'materials.authorityCommitment': { label: '主管部门信用承诺书' },
  'materials.recommendationLetter': { label: '推荐函' },
  'lists.successCases': { label: '成功案例', unit: '个' },
} as const satisfies Record<string, Meta>;

export type FieldPath = keyof typeof FIELDS;
export const FIELD_PATHS = Object.keys(FIELDS) as [FieldPath, ...FieldPath[]];

export function fieldMeta(path: FieldPath): Meta {
  return FIELDS[path];
}

const SPLIT = new Map(FIELD_PATHS.map((p) => [p, p.split('.') as [keyof SpaceProfile, string]]));

/** Reads a dotted path out of a parsed profile. */
export function readField(profile: SpaceProfile, path: FieldPath): unknown {
  const [group, key] = SPLIT.get(path)!;
  return (profile[group] as Record<string, unknown> | undefined)?.[key];
}
