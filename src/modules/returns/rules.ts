import { NUMERIC_TYPES, type CatalogueDefinition, type Indicator, type Rule, type Severity } from './catalogue-types.ts';

/**
 * The return checks (R1–R12 of AFTER-FILING §1) as one pure function over a catalogue version's
 * rules: no database, no clock. Values are in stored units (money in 元, the catalogue shows 千元),
 * so a message renders each figure in its indicator's unit.
 */

export type ReturnValue = number | string | readonly string[];
/** A return's values by indicator code, in stored units; a missing code is not filled in. */
export type ReturnValues = Readonly<Record<string, ReturnValue | undefined>>;

export interface CheckInput {
  values: ReturnValues;
  /** The space's previous accepted return of the same cadence (R1, R10); none for a first return. */
  previous?: ReturnValues | null;
  /** The platform's own figures by indicator code, stored units (R12). */
  platform?: Readonly<Record<string, number | undefined>>;
  /** The median of the same indicator over the jurisdiction's accepted returns (R1 for a first return). */
  peerMedians?: Readonly<Record<string, number | undefined>>;
  /** The space's highest active filing level (R8's 75 % applies to national spaces). */
  spaceLevel?: 'city' | 'province' | 'national' | null;
}

export interface Finding {
  /** Stable per rule and field: the key a confirmation note is given under. */
  key: string;
  rule: string;
  severity: Severity;
  /** The indicator codes involved, the first the one to fix. */
  fields: string[];
  message: string;
  messageEn: string;
}

/** A figure in its indicator's unit: 元 → 千元 for money. */
export function toDisplay(ind: Pick<Indicator, 'type'>, stored: number): number {
  return ind.type === 'money' ? stored / 1000 : stored;
}

/** A figure entered in the indicator's unit, in stored units (money: 千元 → integer 元). */
export function toStored(ind: Pick<Indicator, 'type'>, entered: number): number {
  return ind.type === 'money' ? Math.round(entered * 1000) : entered;
}

const fmt = (ind: Indicator, stored: number) => `${+toDisplay(ind, stored).toFixed(3)}${ind.unit ?? ''}`;

export function evaluateReturn(catalogue: CatalogueDefinition, input: CheckInput): Finding[] {
  const byCode = new Map(catalogue.indicators.map((i) => [i.code, i]));
  const ind = (code: string): Indicator => {
    const found = byCode.get(code);
    if (!found) throw new Error(`rule names unknown indicator ${code}`);
    return found;
  };
  const numeric = catalogue.indicators.filter((i) => NUMERIC_TYPES.includes(i.type));
  const num = (values: ReturnValues | null | undefined, code: string): number | undefined => {
    const v = values?.[code];
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  };
  const val = (code: string) => num(input.values, code) ?? 0;
  const sum = (codes: readonly string[]) => codes.reduce((s, c) => s + val(c), 0);
  const names = (codes: readonly string[]) => ({ zh: codes.map((c) => ind(c).label).join('＋'), en: codes.map((c) => ind(c).labelEn).join(' + ') });
  const sumText = (codes: readonly string[]) => (codes.length === 1 ? fmt(ind(codes[0]!), val(codes[0]!)) : `${sum(codes)}`);
  const children = new Map<string, Indicator[]>();
  for (const i of catalogue.indicators) if (i.parent) children.set(i.parent, [...(children.get(i.parent) ?? []), i]);

  const out: Finding[] = [];
  const add = (rule: Rule, suffix: string, fields: string[], message: string, messageEn: string) =>
    out.push({ key: `${rule.id}:${rule.rule}:${suffix}`, rule: rule.id, severity: rule.severity, fields, message, messageEn });

  for (const rule of catalogue.rules) {
    switch (rule.rule) {
      case 'non_negative':
        for (const i of numeric) {
          const raw = input.values[i.code];
          if (raw === undefined) {
            if (!i.optional) add(rule, i.code, [i.code], `“${i.label}”未填写（无则填0）`, `"${i.labelEn}" is not filled in (enter 0 for none)`);
          } else if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0) add(rule, i.code, [i.code], `“${i.label}”不能为负数`, `"${i.labelEn}" cannot be negative`);
          else if (i.type !== 'area' && !Number.isInteger(raw))
            add(rule, i.code, [i.code], i.type === 'money' ? `“${i.label}”最多保留三位小数（千元）` : `“${i.label}”须为整数`, i.type === 'money' ? `"${i.labelEn}" has at most three decimals (thousand yuan)` : `"${i.labelEn}" must be a whole number`);
        }
        break;
      case 'le':
        for (const left of rule.left) {
          if (val(left) <= sum(rule.right)) continue;
          const r = names(rule.right);
          add(rule, left, [left, ...rule.right], `“${ind(left).label}”（${fmt(ind(left), val(left))}）不能大于${r.zh}（${sumText(rule.right)}）`, `"${ind(left).labelEn}" (${val(left)}) cannot exceed ${r.en} (${sum(rule.right)})`);
        }
        break;
      case 'implies':
        if (val(rule.if) > 0 && val(rule.then) < rule.min)
          add(rule, rule.then, [rule.then, rule.if], `已填写“${ind(rule.if).label}”（${fmt(ind(rule.if), val(rule.if))}），“${ind(rule.then).label}”至少应为${rule.min}`, `With "${ind(rule.if).labelEn}" at ${val(rule.if)}, "${ind(rule.then).labelEn}" must be at least ${rule.min}`);
        break;
      case 'iff_positive':
        if (val(rule.a) > 0 !== val(rule.b) > 0) {
          const [zero, pos] = val(rule.a) > 0 ? [rule.b, rule.a] : [rule.a, rule.b];
          add(rule, zero, [zero, pos], `“${ind(pos).label}”大于0时，“${ind(zero).label}”也应大于0（反之亦然）`, `"${ind(zero).labelEn}" must be above 0 when "${ind(pos).labelEn}" is (and the other way round)`);
        }
        break;
      case 'ratio_warn': {
        const d = val(rule.denominator);
        if (d > 0 && val(rule.numerator) / d > rule.max)
          add(rule, rule.numerator, [rule.numerator, rule.denominator], `“${ind(rule.numerator).label}”平均每个“${ind(rule.denominator).label}”超过${rule.max}，请核实`, `"${ind(rule.numerator).labelEn}" is over ${rule.max} per "${ind(rule.denominator).labelEn}"; please check`);
        break;
      }
      case 'part_le_total':
        for (const [total, parts] of children)
          for (const p of parts)
            if (val(p.code) > val(total))
              add(rule, p.code, [p.code, total], `“${p.label}”（${fmt(p, val(p.code))}）不能大于“${ind(total).label}”（${fmt(ind(total), val(total))}）`, `"${p.labelEn}" cannot exceed "${ind(total).labelEn}"`);
        break;
      case 'sum_parts_le_total':
        for (const [total, parts] of children) {
          if (rule.except?.includes(total) || parts.length < 2) continue;
          const codes = parts.map((p) => p.code);
          if (sum(codes) > val(total))
            add(rule, total, [total, ...codes], `“${ind(total).label}”的各“其中”项合计（${fmt(ind(total), sum(codes))}）不能大于总数（${fmt(ind(total), val(total))}）`, `The "of which" items of "${ind(total).labelEn}" together cannot exceed the total`);
        }
        break;
      case 'share_min': {
        if (!input.spaceLevel || !rule.levels.includes(input.spaceLevel)) break;
        const total = val(rule.total);
        if (total > 0 && sum(rule.parts) < rule.share * total) {
          const p = names(rule.parts);
          add(rule, rule.total, [...rule.parts, rule.total], `${p.zh}合计低于“${ind(rule.total).label}”的${rule.share * 100}%`, `${p.en} together are below ${rule.share * 100} % of "${ind(rule.total).labelEn}"`);
        }
        break;
      }
      case 'unit_slip':
        for (const i of numeric.filter((x) => x.type === 'money')) {
          const v = num(input.values, i.code);
          const base = num(input.previous, i.code) ?? num(input.peerMedians, i.code);
          if (v === undefined || !base || base <= 0 || v <= 0) continue;
          const ratio = v / base;
          const basis = num(input.previous, i.code) !== undefined ? { zh: '上年数值', en: "last year's figure" } : { zh: '同地区中位数', en: 'the regional median' };
          if (ratio >= 1000)
            add(rule, i.code, [i.code], `“${i.label}”（${fmt(i, v)}）是${basis.zh}的1000倍以上，是否误按“元”填写？本表单位为千元`, `"${i.labelEn}" is over 1000× ${basis.en}: entered in yuan? This form is in thousand yuan`);
          else if (ratio >= 0.08 && ratio <= 0.125)
            add(rule, i.code, [i.code], `“${i.label}”（${fmt(i, v)}）约为${basis.zh}的十分之一，是否误按“万元”填写？本表单位为千元`, `"${i.labelEn}" is about a tenth of ${basis.en}: entered in ten-thousand yuan? This form is in thousand yuan`);
        }
        break;
      case 'yoy_change':
        for (const i of numeric.filter((x) => x.key)) {
          const v = num(input.values, i.code);
          const before = num(input.previous, i.code);
          if (v === undefined || !before || before <= 0) continue;
          const change = (v - before) / before;
          if (Math.abs(change) > rule.max)
            add(rule, i.code, [i.code], `关键指标“${i.label}”较上年变化${Math.round(change * 100)}%（上年${fmt(i, before)}），请说明原因`, `Key indicator "${i.labelEn}" moved ${Math.round(change * 100)} % on last year; please explain`);
        }
        break;
      case 'floor':
        if (!rule.anyOf.some((a) => val(a.field) >= a.min)) {
          const zh = rule.anyOf.map((a) => `“${ind(a.field).label}”不少于${a.min}${ind(a.field).unit ?? ''}`).join('或');
          const en = rule.anyOf.map((a) => `"${ind(a.field).labelEn}" at least ${a.min}`).join(' or ');
          add(rule, rule.anyOf.map((a) => a.field).join('+'), rule.anyOf.map((a) => a.field), `未达到备案条件：${zh}`, `Below the filing conditions: ${en}`);
        }
        break;
      case 'platform_diff':
        for (const i of numeric.filter((x) => x.prefill)) {
          const platform = num(input.platform as ReturnValues | undefined, i.code);
          const v = num(input.values, i.code);
          if (platform === undefined || v === undefined || v === platform) continue;
          add(rule, i.code, [i.code], `“${i.label}”填报${fmt(i, v)}，与平台记录${fmt(i, platform)}不一致，请说明差异原因`, `"${i.labelEn}" is ${toDisplay(i, v)}, the platform's records say ${toDisplay(i, platform)}; please explain the difference`);
        }
        break;
    }
  }
  return out;
}

/** Findings that need a confirmation note before submission (warnings) without one. */
export function unexplained(findings: readonly Finding[], notes: Readonly<Record<string, string | undefined>>): Finding[] {
  return findings.filter((f) => f.severity === 'warning' && !(notes[f.key] ?? '').trim());
}
