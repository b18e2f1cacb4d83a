import { fieldMeta, readField, type FieldPath, type SpaceProfile } from './profile.ts';
import type { Condition, GroupCondition, RuleSetDefinition } from './rules.ts';

/**
 * Evaluates a rule set against a space profile. Pure and deterministic: the same definition and
 * profile always give the same result, so an application can keep the snapshot it was judged on.
 */
export type Outcome = 'pass' | 'fail' | 'needs_review' | 'missing_data';

export interface ConditionResult {
  id: string;
  clause: string;
  label: string;
  kind: Condition['kind'];
  /** `not_applicable` conditions (other space category/type/host type) do not count towards the result. */
  outcome: Outcome | 'not_applicable';
  /** Chinese, citing the clause and the values used. */
  explanation: string;
  /** The values the outcome was computed from. */
  values: Record<string, unknown>;
  children?: ConditionResult[];
}

export interface Evaluation {
  ruleSetId: string;
  overall: Outcome;
  counts: Record<Outcome | 'not_applicable', number>;
  results: ConditionResult[];
}

const OUTCOME_WORD: Record<Outcome, string> = {
  pass: '符合',
  fail: '不符合',
  needs_review: '待审核确认',
  missing_data: '未填报',
};

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/\.?0+$/, ''));

function applicable(c: Condition, p: SpaceProfile): boolean {
  const a = c.appliesTo;
  if (!a) return true;
  if (a.categories && !(p.space.category && a.categories.includes(p.space.category))) return false;
  if (a.regularTypes && !(p.space.regularType && a.regularTypes.includes(p.space.regularType))) return false;
  if (a.hostTypes && !(p.host.type && a.hostTypes.includes(p.host.type))) return false;
  return true;
}

/** all_of: any fail fails; else missing data; else review; else pass. */
export function combineAll(outcomes: Outcome[]): Outcome {
  if (outcomes.includes('fail')) return 'fail';
  if (outcomes.includes('missing_data')) return 'missing_data';
  if (outcomes.includes('needs_review')) return 'needs_review';
  return 'pass';
}

/** any_of: any pass passes; else review; else missing data; else fail. */
export function combineAny(outcomes: Outcome[]): Outcome {
  if (outcomes.includes('pass')) return 'pass';
  if (outcomes.includes('needs_review')) return 'needs_review';
  if (outcomes.includes('missing_data')) return 'missing_data';
  return 'fail';
}

function labelOf(c: Condition): string {
  if (c.label) return c.label;
  if ('field' in c) return fieldMeta(c.field).label;
  return c.clause;
}

function missing(c: Condition, label: string, fields: FieldPath[]): Judged {
  const names = fields.map((f) => fieldMeta(f).label).join('、');
  const what = names === label ? label : `${label}：${names}`;
  return { label, outcome: 'missing_data', explanation: `${c.clause}：${what}未填报`, values: {} };
}

const verdict = (ok: boolean): Outcome => (ok ? 'pass' : 'fail');
const say = (c: Condition, outcome: Outcome, text: string) => `${c.clause}：${text}，${OUTCOME_WORD[outcome]}`;

type Judged = Omit<ConditionResult, 'id' | 'clause' | 'kind'>;

function judge(c: Exclude<Condition, GroupCondition>, p: SpaceProfile, label: string): Judged {
  switch (c.kind) {
    case 'threshold': {
      const actual = num(readField(p, c.field));
      if (actual === undefined) return missing(c, label, [c.field]);
      const unit = fieldMeta(c.field).unit ?? '';
      const max = c.max ?? c.value;
      const ok = c.op === 'gte' ? actual >= c.value : c.op === 'lte' ? actual <= c.value : actual >= c.value && actual <= max;
      const need =
        c.op === 'gte' ? `应不少于${fmt(c.value)}${unit}` : c.op === 'lte' ? `应不超过${fmt(c.value)}${unit}` : `应在${fmt(c.value)}至${fmt(max)}${unit}之间`;
      const outcome = verdict(ok);
      return { label, outcome, explanation: say(c, outcome, `${label}${need}，申报值${fmt(actual)}${unit}`), values: { actual, required: c.value, max: c.max } };
    }
    case 'per_group': {
      const have = num(readField(p, c.field));
      const base = num(readField(p, c.per));
      if (have === undefined || base === undefined)
        return missing(c, label, [...(have === undefined ? [c.field] : []), ...(base === undefined ? [c.per] : [])]);
      const groups = c.rounding === 'ceil' ? Math.ceil(base / c.groupSize) : Math.floor(base / c.groupSize);
      const required = groups * c.perGroup;
      const meta = fieldMeta(c.field);
      const unit = meta.unit ?? '';
      const baseMeta = fieldMeta(c.per);
      const baseUnit = baseMeta.unit ?? '';
      const baseNoun = baseMeta.noun ?? baseMeta.label;
      const rule = c.rounding === 'ceil' ? `不足${c.groupSize}${baseUnit}按${c.groupSize}${baseUnit}计` : `不足${c.groupSize}${baseUnit}的部分不计`;
      const outcome = verdict(have >= required);
      const text = `每${c.groupSize}${baseUnit}${baseNoun}至少配备${c.perGroup}${unit}${c.label ?? meta.noun ?? meta.label}（${rule}）；${baseNoun}${fmt(base)}${baseUnit}，应不少于${required}${unit}，申报值${fmt(have)}${unit}`;
      return { label, outcome, explanation: say(c, outcome, text), values: { actual: have, base, required } };
    }
    case 'share': {
      const part = num(readField(p, c.field));
      const whole = num(readField(p, c.of));
      if (part === undefined || whole === undefined)
        return missing(c, label, [...(part === undefined ? [c.field] : []), ...(whole === undefined ? [c.of] : [])]);
      const ofLabel = fieldMeta(c.of).label;
      if (whole === 0) return { label, outcome: 'fail', explanation: say(c, 'fail', `${label}：${ofLabel}为0，无法计算比例`), values: { part, whole } };
      // part/whole ≥ p % ⇔ 100·part ≥ p·whole: no floating-point edge at exactly p %.
      const outcome = verdict(100 * part >= c.minPercent * whole);
      const pct = Math.round((part / whole) * 1000) / 10;
      const text = `${label}占${ofLabel}的比例应不低于${fmt(c.minPercent)}%，申报值${fmt(part)}/${fmt(whole)}（${fmt(pct)}%）`;
      return { label, outcome, explanation: say(c, outcome, text), values: { part, whole, percent: pct, minPercent: c.minPercent } };
    }
    case 'flag': {
      const v = readField(p, c.field);
      if (typeof v !== 'boolean') return missing(c, label, [c.field]);
      const outcome = verdict(v === c.expected);
      const text = `${label}：应为“${c.expected ? '是' : '否'}”，申报为“${v ? '是' : '否'}”`;
      return { label, outcome, explanation: say(c, outcome, text), values: { actual: v, expected: c.expected } };
    }
    case 'enum': {
      const v = readField(p, c.field);
      if (typeof v !== 'string' || v === '') return missing(c, label, [c.field]);
      const outcome = verdict(c.oneOf.includes(v));
      const text = `${label}应为${c.oneOf.map(enumLabel).join('、')}之一，申报为${enumLabel(v)}`;
      return { label, outcome, explanation: say(c, outcome, text), values: { actual: v, oneOf: c.oneOf } };
    }
    case 'count': {
      const v = readField(p, c.field);
      const n = Array.isArray(v) ? v.length : num(v);
      if (n === undefined) return missing(c, label, [c.field]);
      const unit = fieldMeta(c.field).unit ?? '个';
      const need = c.max === undefined ? `应不少于${c.min}${unit}` : `应为${c.min}至${c.max}${unit}`;
      const outcome = verdict(n >= c.min && (c.max === undefined || n <= c.max));
      return { label, outcome, explanation: say(c, outcome, `${label}${need}，申报${n}${unit}`), values: { actual: n, min: c.min, max: c.max } };
    }
    case 'pattern': {
      const v = readField(p, c.field);
      if (typeof v !== 'string' || v.trim() === '') return missing(c, label, [c.field]);
      const outcome = verdict(compiledPattern(c.pattern).test(v.trim()));
      return { label, outcome, explanation: say(c, outcome, `${label}须为“${c.example}”形式，申报为“${v.trim()}”`), values: { actual: v } };
    }
    case 'evidence': {
      const given = p.evidence[c.key] ?? 'pending';
      const outcome: Outcome = given === 'confirmed' ? 'pass' : given === 'rejected' ? 'fail' : 'needs_review';
      const text = given === 'pending' ? `${label}（需审核人员核实佐证材料）` : `${label}（审核人员${given === 'confirmed' ? '已核实' : '核实未通过'}）`;
      return { label, outcome, explanation: say(c, outcome, text), values: { evidenceKey: c.key, verdict: given } };
    }
  }
}

const patterns = new Map<string, RegExp>();
/** Rule sets are few and long-lived: compile each pattern once. */
function compiledPattern(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) {
    re = new RegExp(source, 'u');
    patterns.set(source, re);
  }
  return re;
}

const ENUM_LABELS: Record<string, string> = {
  leading_enterprise: '行业龙头骨干企业',
  high_tech_enterprise: '高新技术企业',
  research_institute: '科研院所',
  university: '高校',
  new_rnd_institution: '新型研发机构',
  incubator: '科技企业孵化器',
  university_science_park: '大学科技园',
  none: '无',
  city: '市级',
  province: '省级',
  national: '国家级',
  applying: '申请中',
  filed: '已备案',
  regular: '众创空间',
  professional: '专业化众创空间',
  tech_support: '技术支撑类',
  investment_driven: '投资驱动类',
  comprehensive: '综合类',
};
const enumLabel = (v: string) => ENUM_LABELS[v] ?? v;

export function evaluateCondition(c: Condition, p: SpaceProfile): ConditionResult {
  const label = labelOf(c);
  if (!applicable(c, p)) return notApplicable(c, label);
  if (!isGroup(c)) {
    const j = judge(c, p, label);
    return { id: c.id, clause: c.clause, kind: c.kind, label, outcome: j.outcome, explanation: j.explanation, values: j.values };
  }
  const children = c.conditions.map((child) => evaluateCondition(child, p));
  const counted = children.map((r) => r.outcome).filter((o): o is Outcome => o !== 'not_applicable');
  if (counted.length === 0) return { ...notApplicable(c, label), children };
  const outcome = c.kind === 'all_of' ? combineAll(counted) : combineAny(counted);
  const how = c.kind === 'all_of' ? '须同时满足下列各项' : '满足下列任一项即可';
  const word = outcome === 'missing_data' ? '部分数据未填报' : OUTCOME_WORD[outcome];
  return { id: c.id, clause: c.clause, kind: c.kind, label, outcome, explanation: `${c.clause}：${label}（${how}），${word}`, values: {}, children };
}

const isGroup = (c: Condition): c is GroupCondition => c.kind === 'all_of' || c.kind === 'any_of';

function notApplicable(c: Condition, label: string): ConditionResult {
  return { id: c.id, clause: c.clause, kind: c.kind, label, outcome: 'not_applicable', explanation: `${c.clause}：${label}，不适用于本空间类别`, values: {} };
}

export function evaluate(def: RuleSetDefinition, profile: SpaceProfile): Evaluation {
  const results = def.conditions.map((c) => evaluateCondition(c, profile));
  const counts: Evaluation['counts'] = { pass: 0, fail: 0, needs_review: 0, missing_data: 0, not_applicable: 0 };
  const tally = (rs: ConditionResult[]) =>
    rs.forEach((r) => {
      if (r.children) tally(r.children);
      else counts[r.outcome]++;
    });
  tally(results);
  const counted = results.map((r) => r.outcome).filter((o): o is Outcome => o !== 'not_applicable');
  return { ruleSetId: def.id, overall: combineAll(counted), counts, results };
}
