import { sanitizeHtml, type SanitizeOptions } from '../../shared/validation/html.ts';
import { z } from 'zod';
import { bi } from '../../shared/i18n-errors.ts';
import type { FieldError } from '../../shared/errors.ts';
import { normaliseMobile } from '../../shared/validation/mobile.ts';
import { ORG_NATURES } from '../../shared/domain.ts';
import { SpaceProfile } from '../criteria/index.ts';

/**
 * The application dossier (001 附件2 基础信息表, 附件3 备案申报书 and the extra indicators a rule set
 * needs). Drafts may be incomplete, so every field is optional when saved; what is given must be
 * well-formed and consistent (`checkBasicInfo`), and `missingItems` lists what a submission still
 * lacks.
 */

type FieldMeta = { zh: string; en: string; unit?: string };

/** Every field of 附件2 in the form's order, with its Chinese label and unit (m², 万元 as on the form). */
export const BASIC_INFO_FIELDS = {
  spaceName: { zh: '众创空间名称', en: 'Space name' },
  foundedOn: { zh: '成立时间', en: 'Founding date' },
  operatorName: { zh: '运营主体名称', en: 'Operator name' },
  operatorNature: { zh: '运营主体性质', en: 'Operator nature' },
  legalRepresentative: { zh: '法人代表', en: 'Legal representative' },
  legalRepresentativePhone: { zh: '法人代表联系电话', en: "Legal representative's phone" },
  principalName: { zh: '负责人', en: 'Principal' },
  principalMobile: { zh: '负责人联系手机', en: "Principal's mobile" },
  contactName: { zh: '联系人', en: 'Contact person' },
  contactMobile: { zh: '联系人联系手机', en: "Contact's mobile" },
  address: { zh: '单位地址', en: 'Address' },
  email: { zh: 'Email', en: 'Email' },
  builtByEnterprise: { zh: '是否由高新技术企业或龙头骨干企业建立', en: 'Built by a high-tech or leading enterprise' },
  builtByUniversity: { zh: '是否由高校建立', en: 'Built by a university' },
  builtByResearchInstitute: { zh: '是否由科研院所建立', en: 'Built by a research institute' },
  professionalDirection: { zh: '主要专业方向', en: 'Main professional direction' },
  teamTotal: { zh: '管理团队人员总数', en: 'Management team size', unit: '人' },
  teamCollegePlus: { zh: '其中大专以上人数', en: 'Of whom college-educated or above', unit: '人' },
  mentors: { zh: '创业导师数', en: 'Startup mentors', unit: '人' },
  floorAreaM2: { zh: '自主支配场地建筑面积', en: 'Self-controlled floor area', unit: '平方米' },
  publicServiceAreaM2: { zh: '公共办公与服务场地面积', en: 'Public office and service area', unit: '平方米' },
  angelFundWan: { zh: '天使投资（种子）基金（资金）规模', en: 'Angel (seed) fund size', unit: '万元' },
  residentProjects: { zh: '入驻项目数', en: 'Resident projects', unit: '个' },
  residentEnterprises: { zh: '入驻企业数', en: 'Resident enterprises', unit: '家' },
  eventsHeld: { zh: '举办创新创业活动次数', en: 'Innovation and startup events held', unit: '次' },
  onlinePlatform: { zh: '是否建有线上服务平台', en: 'Has an online service platform' },
  publicTechPlatform: { zh: '是否建有公共技术服务平台', en: 'Has a public technology service platform' },
  managementSystems: { zh: '管理制度', en: 'Management systems' },
} as const satisfies Record<string, FieldMeta>;
export type BasicInfoField = keyof typeof BASIC_INFO_FIELDS;

/** The 基础信息表's personal data: masked for whoever may not see it in full, revealed one field at a time. */
export const PERSONAL_FIELDS = ['legalRepresentativePhone', 'principalMobile', 'contactMobile'] as const satisfies readonly BasicInfoField[];
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

/** 运营主体性质 as printed on the form: 1 事业单位, 2 企业（国有/民营）, 3 投资机构, 4 高校, 5 其它社会组织. */
export const NATURE_NAMES: Record<(typeof ORG_NATURES)[number], string> = {
  public_institution: '事业单位',
  enterprise_state: '企业（国有）',
  enterprise_private: '企业（民营）',
  investment_institution: '投资机构',
  university: '高校',
  other: '其它社会组织',
};

const text = (max: number) => z.string().trim().max(max, bi(`不超过 ${max} 个字`, `at most ${max} characters`));
const count = z.number().int(bi('应为整数', 'must be a whole number')).min(0, bi('不能为负数', 'must not be negative')).max(1_000_000);
/** Areas and money keep two decimals at most (平方米, 万元). */
const measure = z.number().min(0, bi('不能为负数', 'must not be negative')).max(100_000_000).multipleOf(0.01, bi('最多保留两位小数', 'at most two decimals'));

/** A yes/no question of the form with "（填写详细名称）" when yes. */
const YesWithName = z.strictObject({
  yes: z.boolean(),
  /** The detailed name, required when `yes`. */
  name: text(200).optional(),
});
export type YesWithName = z.infer<typeof YesWithName>;

export const BasicInfo = z.strictObject({
  spaceName: text(100).optional(),
  foundedOn: z.iso.date(bi('应为日期（YYYY-MM-DD）', 'must be a date (YYYY-MM-DD)')).optional(),
  operatorName: text(200).optional(),
  operatorNature: z.enum(ORG_NATURES).optional(),
  legalRepresentative: text(50).optional(),
  /** 联系电话: a landline (025-83232116) or a mobile. */
  legalRepresentativePhone: text(30).optional(),
  principalName: text(50).optional(),
  principalMobile: text(30).optional(),
  contactName: text(50).optional(),
  contactMobile: text(30).optional(),
  address: text(200).optional(),
  email: text(100).optional(),
  builtByEnterprise: YesWithName.optional(),
  builtByUniversity: YesWithName.optional(),
  builtByResearchInstitute: YesWithName.optional(),
  /** 如互联网、新材料、生物医药、新能源等. */
  professionalDirection: text(200).optional(),
  teamTotal: count.optional(),
  teamCollegePlus: count.optional(),
  mentors: count.optional(),
  floorAreaM2: measure.optional(),
  publicServiceAreaM2: measure.optional(),
  angelFundWan: measure.optional(),
  residentProjects: count.optional(),
  residentEnterprises: count.optional(),
  eventsHeld: count.optional(),
  onlinePlatform: YesWithName.optional(),
  publicTechPlatform: YesWithName.optional(),
  managementSystems: z
    .strictObject({
      entryStandard: z.boolean(),
      exitConditions: z.boolean(),
      incubateeDatabase: z.boolean(),
      other: text(200).optional(),
    })
    .optional(),
});
export type BasicInfo = z.infer<typeof BasicInfo>;

/** Rich text of the 申报书: stored sanitised, shown and exported from the stored form. */
const RichText = z.string().max(100_000, bi('内容过长（不超过 10 万字符）', 'too long (100,000 characters at most)'));

const SuccessCase = z.strictObject({ title: text(200), content: RichText });

/** The fixed outline of 附件3. */
export const REPORT_SECTIONS = {
  hostOverview: { zh: '一、1. 建设主体基本情况', en: 'I.1 The host' },
  currentStatus: { zh: '一、2. 专业化众创空间现状', en: 'I.2 Current state of the space' },
  overallResults: { zh: '二、1. 总体成效', en: 'II.1 Overall results' },
  successCases: { zh: '二、2. 成功案例（3–5个）', en: 'II.2 Success cases (3–5)' },
  goalsAndTasks: { zh: '三、发展目标和重点任务', en: 'III. Goals and key tasks' },
  organisationAndSupport: { zh: '四、组织与保障', en: 'IV. Organisation and support' },
} as const satisfies Record<string, FieldMeta>;
type ReportSection = keyof typeof REPORT_SECTIONS;

const SUCCESS_CASES = { min: 3, max: 5 } as const;

export const Report = z.strictObject({
  hostOverview: RichText.optional(),
  currentStatus: RichText.optional(),
  overallResults: RichText.optional(),
  /** A draft may hold more while the applicant chooses; submission needs 3 to 5. */
  successCases: z.array(SuccessCase).max(10, bi('最多保存 10 个案例', 'at most 10 cases')).optional(),
  goalsAndTasks: RichText.optional(),
  organisationAndSupport: RichText.optional(),
});
export type Report = z.infer<typeof Report>;

/**
 * Facts a call's rule set asks for beyond the 基础信息表 (lease years, shared equipment value…):
 * the profile groups an applicant declares, checked by the criteria module's own schema.
 */
export const Indicators = z.strictObject({
  space: SpaceProfile.shape.space.unwrap().pick({ provincialFiling: true }).optional(),
  operator: SpaceProfile.shape.operator.unwrap().optional(),
  host: SpaceProfile.shape.host.unwrap().optional(),
  indicators: SpaceProfile.shape.indicators.unwrap().optional(),
  facts: SpaceProfile.shape.facts.unwrap().optional(),
});
export type Indicators = z.infer<typeof Indicators>;

/** Basic formatting only: paragraphs, emphasis, lists, small headings, quotes. No attributes, links or images. */
const RICH_TEXT_OPTIONS: SanitizeOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'ul', 'ol', 'li', 'h3', 'h4', 'blockquote'],
  allowedAttributes: {},
  disallowedTagsMode: 'discard',
};

const sanitiseRichText = (html: string) => sanitizeHtml(html, RICH_TEXT_OPTIONS).trim();

/** The report with every rich-text part sanitised (the server never stores what a browser would run). */
export function sanitiseReport(report: Report): Report {
  const out: Report = {};
  for (const [key, value] of Object.entries(report) as [keyof Report, Report[keyof Report]][]) {
    if (key === 'successCases') out.successCases = (value as Report['successCases'])!.map((c) => ({ title: c.title, content: sanitiseRichText(c.content) }));
    else out[key] = sanitiseRichText(value as string);
  }
  return out;
}

/** Visible text of sanitised rich text (entities decoded), to tell an empty section from a written one. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

const err = (field: string, zh: string, en: string): FieldError => ({ field, message: zh, messageEn: en });
const label = (f: BasicInfoField) => BASIC_INFO_FIELDS[f];
const PHONE = /^(0\d{2,3}-?)?\d{7,8}(-\d{1,6})?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Mobile numbers as stored: `+86 138-0000-0000` becomes `13800000000`; anything else is kept for the check to name. */
export function normaliseBasicInfo(info: BasicInfo): BasicInfo {
  const out = { ...info };
  for (const key of PERSONAL_FIELDS) {
    const v = out[key];
    const mobile = v ? normaliseMobile(v) : null;
    if (mobile) out[key] = mobile;
  }
  return out;
}

/**
 * Format and cross-field checks of what is filled in (a draft may leave anything out). Each error
 * names the field as `basicInfo.<key>` with its Chinese label.
 */
export function checkBasicInfo(info: BasicInfo, prefix = 'basicInfo'): FieldError[] {
  const errors: FieldError[] = [];
  const at = (f: BasicInfoField) => `${prefix}.${f}`;
  for (const f of ['principalMobile', 'contactMobile'] as const) {
    const v = info[f];
    if (v && !normaliseMobile(v))
      errors.push(err(at(f), `${label(f).zh}应为 11 位手机号码（如 13800000000）`, `${label(f).en} must be a mainland mobile number (e.g. 13800000000)`));
  }
  const phone = info.legalRepresentativePhone;
  if (phone && !normaliseMobile(phone) && !PHONE.test(phone))
    errors.push(
      err(
        at('legalRepresentativePhone'),
        `${label('legalRepresentativePhone').zh}应为固定电话（如 025-83232116）或手机号码`,
        `${label('legalRepresentativePhone').en} must be a landline (e.g. 025-83232116) or a mobile number`,
      ),
    );
  if (info.email && !EMAIL.test(info.email)) errors.push(err(at('email'), 'Email 格式不正确', 'Email is not a valid address'));
  if (info.teamTotal !== undefined && info.teamCollegePlus !== undefined && info.teamCollegePlus > info.teamTotal)
    errors.push(
      err(
        at('teamCollegePlus'),
        `${label('teamCollegePlus').zh}（${info.teamCollegePlus}人）不能超过${label('teamTotal').zh}（${info.teamTotal}人）`,
        `${label('teamCollegePlus').en} (${info.teamCollegePlus}) cannot exceed ${label('teamTotal').en} (${info.teamTotal})`,
      ),
    );
  if (info.floorAreaM2 !== undefined && info.publicServiceAreaM2 !== undefined && info.publicServiceAreaM2 > info.floorAreaM2)
    errors.push(
      err(
        at('publicServiceAreaM2'),
        `${label('publicServiceAreaM2').zh}（${info.publicServiceAreaM2}平方米）不能超过${label('floorAreaM2').zh}（${info.floorAreaM2}平方米）`,
        `${label('publicServiceAreaM2').en} (${info.publicServiceAreaM2} m²) cannot exceed ${label('floorAreaM2').en} (${info.floorAreaM2} m²)`,
      ),
    );
  for (const f of ['builtByEnterprise', 'builtByUniversity', 'builtByResearchInstitute', 'onlinePlatform', 'publicTechPlatform'] as const) {
    const v = info[f];
    if (v && !v.yes && v.name) errors.push(err(`${at(f)}.name`, `${label(f).zh}选“否”时不填写名称`, `${label(f).en}: no name when the answer is no`));
  }
  return errors;
}

const missing = (field: string, meta: FieldMeta, what = '未填写', whatEn = 'is missing'): FieldError =>
  err(field, `${meta.zh}${what}`, `${meta.en} ${whatEn}`);

/** Every 附件2 field that must be answered before submission, with the detailed name for each "是". */
export function missingBasicInfo(info: BasicInfo): FieldError[] {
  const out: FieldError[] = [];
  for (const f of Object.keys(BASIC_INFO_FIELDS) as BasicInfoField[]) {
    const v = info[f];
    if (v === undefined || v === '') out.push(missing(`basicInfo.${f}`, label(f)));
    else if (typeof v === 'object' && 'yes' in v && v.yes && !v.name)
      out.push(missing(`basicInfo.${f}.name`, label(f), '选“是”时须填写详细名称', 'needs the detailed name when yes'));
  }
  return out;
}

/** Every 附件3 section that is still empty, and the 3–5 success cases each with a title and content. */
export function missingReport(report: Report): FieldError[] {
  const out: FieldError[] = [];
  for (const s of Object.keys(REPORT_SECTIONS) as ReportSection[]) {
    if (s === 'successCases') continue;
    const v = report[s];
    if (!v || !plainText(v)) out.push(missing(`report.${s}`, REPORT_SECTIONS[s]));
  }
  const cases = report.successCases ?? [];
  if (cases.length < SUCCESS_CASES.min || cases.length > SUCCESS_CASES.max)
    out.push(
      err(
        'report.successCases',
        `成功案例应为${SUCCESS_CASES.min}–${SUCCESS_CASES.max}个，现有${cases.length}个`,
        `Success cases: ${SUCCESS_CASES.min} to ${SUCCESS_CASES.max} needed, ${cases.length} given`,
      ),
    );
  cases.forEach((c, i) => {
    if (!c.title) out.push(err(`report.successCases.${i}.title`, `成功案例${i + 1}的标题未填写`, `Success case ${i + 1} has no title`));
    if (!plainText(c.content)) out.push(err(`report.successCases.${i}.content`, `成功案例${i + 1}的内容未填写`, `Success case ${i + 1} has no content`));
  });
  return out;
}
