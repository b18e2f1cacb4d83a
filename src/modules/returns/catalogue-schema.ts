import { z } from 'zod';
import type { FieldError } from '../../shared/errors.ts';
import { AppError } from '../../shared/errors.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { invalid } from '../criteria/index.ts';
import { INDICATOR_TYPES, INDICATOR_UNITS, NUMERIC_TYPES, type CatalogueDefinition } from './catalogue-types.ts';

/**
 * A catalogue version's definition as the authority edits it: the shape (Zod) and then what only the
 * whole can tell — unique codes, a 其中 item's total, units that fit the type, rules naming numeric
 * indicators. Every problem is named by its field (`body.definition.indicators.3.parent`) at once.
 */
const Code = z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, bi('指标代码应为小写字母开头的字母、数字、下划线（2–64 位）', 'an indicator code is 2–64 lower-case letters, digits or underscores'));
const Label = z.string().trim().min(1, bi('不能为空', 'must not be empty')).max(200);
const Severity = z.enum(['error', 'warning', 'info'], bi('严重程度应为 error、warning 或 info', 'the severity is error, warning or info'));
const RuleId = z.string().regex(/^R\d{1,2}$/, bi('规则编号应为 R1–R12 这样的形式', 'a rule id looks like R1–R12'));
const Codes = z.array(Code).min(1).max(50);
const Positive = z.number().finite().nonnegative();

const RuleSchema = z.discriminatedUnion('rule', [
  z.strictObject({ id: RuleId, rule: z.literal('le'), left: Codes, right: Codes, severity: Severity }),
  z.strictObject({ id: RuleId, rule: z.literal('implies'), if: Code, then: Code, min: Positive, severity: Severity }),
  z.strictObject({ id: RuleId, rule: z.literal('iff_positive'), a: Code, b: Code, severity: Severity }),
  z.strictObject({ id: RuleId, rule: z.literal('ratio_warn'), numerator: Code, denominator: Code, max: Positive, severity: Severity }),
  z.strictObject({ id: RuleId, rule: z.literal('part_le_total'), severity: Severity }),
  z.strictObject({ id: RuleId, rule: z.literal('sum_parts_le_total'), except: z.array(Code).optional(), severity: Severity }),
  z.strictObject({ id: RuleId, rule: z.literal('non_negative'), severity: Severity }),
  z.strictObject({
    id: RuleId,
    rule: z.literal('share_min'),
    parts: Codes,
    total: Code,
    share: z.number().gt(0).max(1),
    levels: z.array(z.enum(['city', 'province', 'national'])).min(1),
    severity: Severity,
  }),
  z.strictObject({ id: RuleId, rule: z.literal('unit_slip'), severity: Severity }),
  z.strictObject({ id: RuleId, rule: z.literal('yoy_change'), max: z.number().gt(0).max(100), severity: Severity }),
  z.strictObject({ id: RuleId, rule: z.literal('floor'), anyOf: z.array(z.strictObject({ field: Code, min: Positive })).min(1).max(10), severity: Severity }),
  z.strictObject({ id: RuleId, rule: z.literal('platform_diff'), severity: Severity }),
]);

const IndicatorSchema = z.strictObject({
  code: Code,
  label: Label,
  labelEn: Label,
  unit: z.enum(INDICATOR_UNITS, bi(`单位应为 ${INDICATOR_UNITS.join('、')} 之一`, `the unit is one of ${INDICATOR_UNITS.join(', ')}`)).nullable(),
  type: z.enum(INDICATOR_TYPES, bi('类型应为 integer、money、area、text、select 或 multi_select', 'the type is integer, money, area, text, select or multi_select')),
  parent: Code.optional(),
  group: z.string().min(1).max(64),
  help: z.string().trim().max(1000).optional(),
  helpEn: z.string().trim().max(1000).optional(),
  key: z.boolean().optional(),
  optional: z.boolean().optional(),
  prefill: z.string().regex(/^[a-z]+(\.[A-Za-z0-9]+)+$/, bi('平台数据来源应形如 roster.teamsServed', 'a prefill source looks like roster.teamsServed')).optional(),
  options: z.array(z.strictObject({ value: z.string().min(1).max(64), label: Label, labelEn: Label })).max(50).optional(),
});

export const CatalogueDefinitionSchema = z.strictObject({
  groups: z.array(z.strictObject({ key: z.string().min(1).max(64), label: Label, labelEn: Label })).min(1).max(30),
  indicators: z.array(IndicatorSchema).min(1).max(400),
  rules: z.array(RuleSchema).max(100),
});

/** The indicator codes a rule names, with the field path of each (relative to the rule). */
function ruleCodes(rule: CatalogueDefinition['rules'][number]): [string, string][] {
  switch (rule.rule) {
    case 'le':
      return [...rule.left.map((c, i): [string, string] => [`left.${i}`, c]), ...rule.right.map((c, i): [string, string] => [`right.${i}`, c])];
    case 'implies':
      return [['if', rule.if], ['then', rule.then]];
    case 'iff_positive':
      return [['a', rule.a], ['b', rule.b]];
    case 'ratio_warn':
      return [['numerator', rule.numerator], ['denominator', rule.denominator]];
    case 'sum_parts_le_total':
      return (rule.except ?? []).map((c, i) => [`except.${i}`, c]);
    case 'share_min':
      return [...rule.parts.map((c, i): [string, string] => [`parts.${i}`, c]), ['total', rule.total]];
    case 'floor':
      return rule.anyOf.map((a, i) => [`anyOf.${i}.field`, a.field]);
    default:
      return [];
  }
}

/** What the whole definition must hold beyond each field's shape; empty when it is consistent. */
export function inconsistencies(def: CatalogueDefinition, prefix: string): FieldError[] {
  const errors: FieldError[] = [];
  const bad = (field: string, message: string, messageEn: string) => errors.push({ field: `${prefix}.${field}`, message, messageEn });
  const groups = new Set(def.groups.map((g) => g.key));
  def.groups.forEach((g, i) => {
    if (def.groups.findIndex((o) => o.key === g.key) !== i) bad(`groups.${i}.key`, `分组“${g.key}”重复`, `group "${g.key}" appears twice`);
  });
  const byCode = new Map(def.indicators.map((ind) => [ind.code, ind]));
  def.indicators.forEach((ind, i) => {
    const at = `indicators.${i}`;
    if (def.indicators.findIndex((o) => o.code === ind.code) !== i) bad(`${at}.code`, `指标代码“${ind.code}”重复`, `indicator code "${ind.code}" appears twice`);
    if (!groups.has(ind.group)) bad(`${at}.group`, `分组“${ind.group}”不存在`, `no group "${ind.group}"`);
    const numeric = NUMERIC_TYPES.includes(ind.type);
    if (ind.type === 'money' && ind.unit !== '千元') bad(`${at}.unit`, '金额指标的单位应为千元', 'a money indicator is in 千元');
    else if (ind.type === 'area' && ind.unit !== '平方米') bad(`${at}.unit`, '面积指标的单位应为平方米', 'an area indicator is in 平方米');
    else if (ind.type === 'integer' && (ind.unit === null || ind.unit === '千元' || ind.unit === '平方米')) bad(`${at}.unit`, '计数指标的单位应为个、人、件、场、小时或次', 'a count is in 个, 人, 件, 场, 小时 or 次');
    else if (!numeric && ind.unit !== null) bad(`${at}.unit`, '文本和选项指标没有单位', 'text and select indicators have no unit');
    if ((ind.type === 'select' || ind.type === 'multi_select') && !ind.options?.length) bad(`${at}.options`, '选项指标至少要有一个选项', 'a select needs at least one option');
    if (ind.type !== 'select' && ind.type !== 'multi_select' && ind.options) bad(`${at}.options`, '只有选项指标有选项', 'only selects have options');
    if (ind.optional && !numeric) bad(`${at}.optional`, '只有数值指标可设为选填', 'only numeric indicators are optional');
    if ((ind.key || ind.prefill) && !numeric) bad(`${at}.${ind.key ? 'key' : 'prefill'}`, '只有数值指标可作为重点指标或由平台数据预填', 'only numeric indicators are key or prefilled');
    if (ind.parent !== undefined) {
      const total = byCode.get(ind.parent);
      if (!total || ind.parent === ind.code) bad(`${at}.parent`, `“其中”项的合计指标“${ind.parent}”不存在`, `no total "${ind.parent}" for this 其中 item`);
      else if (!numeric || total.type !== ind.type || total.unit !== ind.unit) bad(`${at}.parent`, '“其中”项应与合计指标类型、单位相同', 'a 其中 item has its total\'s type and unit');
    }
  });
  def.rules.forEach((rule, j) => {
    for (const [path, code] of ruleCodes(rule)) {
      const ind = byCode.get(code);
      if (!ind || !NUMERIC_TYPES.includes(ind.type)) bad(`rules.${j}.${path}`, `规则引用的“${code}”不是本目录的数值指标`, `"${code}" is not a numeric indicator of this catalogue`);
    }
  });
  return errors;
}

/** The definition when it is well-formed and consistent; a 400 naming every bad field otherwise. */
export function parseDefinition(input: unknown, prefix = 'body.definition'): CatalogueDefinition {
  const parsed = CatalogueDefinitionSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, prefix, input);
  const def = parsed.data as CatalogueDefinition;
  const errors = inconsistencies(def, prefix);
  if (errors.length)
    throw new AppError('VALIDATION_FAILED', { zh: errors.map((e) => `${e.field}：${e.message}`).join('；'), en: errors.map((e) => `${e.field}: ${e.messageEn}`).join('; '), fields: errors });
  return def;
}
