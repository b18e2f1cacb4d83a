/**
 * The shape of an indicator catalogue (统计指标目录): what a return asks for in one survey year,
 * and the checks over it. Pure types, shared by the shipped catalogue, the rule engine and the
 * routes; a catalogue version is data (a row of `return_catalogues`), never code.
 */
export const INDICATOR_UNITS = ['个', '人', '平方米', '千元', '件', '场', '小时', '次'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

export const INDICATOR_TYPES = ['integer', 'money', 'area', 'text', 'select', 'multi_select'] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

/** The numeric types: stored as numbers (money as integer 元), checked non-negative (R9). */
export const NUMERIC_TYPES: readonly IndicatorType[] = ['integer', 'money', 'area'];

export interface IndicatorOption {
  value: string;
  label: string;
  labelEn: string;
}

export interface Indicator {
  /** Stable across survey years while the meaning stays; the key of a return's values. */
  code: string;
  label: string;
  labelEn: string;
  /** Null for text and select indicators. Money is always 千元 here: entered and shown in 千元, stored in 元. */
  unit: IndicatorUnit | null;
  type: IndicatorType;
  /** A 其中 item: the code of its total. */
  parent?: string;
  group: string;
  help?: string;
  helpEn?: string;
  /** Key indicators: a move of more than ±50 % on last year needs an explanation (R10). */
  key?: boolean;
  /** The platform figure this indicator is prefilled from (a prefill source's key, e.g. `roster.teamsServed`). */
  prefill?: string;
  /**
   * May be left blank (R9 does not ask for it): figures the survey does not require of every space,
   * such as the shared-equipment hours a space records only when it books through the platform.
   */
  optional?: boolean;
  options?: readonly IndicatorOption[];
}

export interface IndicatorGroup {
  key: string;
  label: string;
  labelEn: string;
}

export type Severity = 'error' | 'warning' | 'info';

/**
 * The checks of a catalogue version, as data. Each carries the R-number of AFTER-FILING §1 it
 * implements (`id`) and its severity: errors block submission, warnings need a confirmation note,
 * info is shown to the authority only (R11's filing floors).
 */
export type Rule =
  /** Every `left` ≤ the sum of `right` (R2 persons ≥ teams, R5, R6, R7, R8). */
  | { id: string; rule: 'le'; left: readonly string[]; right: readonly string[]; severity: Severity }
  /** `if` > 0 ⇒ `then` ≥ `min` (R2 teams ⇒ persons, R3 startups ⇒ jobs). */
  | { id: string; rule: 'implies'; if: string; then: string; min: number; severity: Severity }
  /** `a` > 0 ⇔ `b` > 0 (R5 invested amount ⇔ invested count). */
  | { id: string; rule: 'iff_positive'; a: string; b: string; severity: Severity }
  /** numerator / denominator > max (R2 > 20 persons per team, R3 > 200 jobs per startup). */
  | { id: string; rule: 'ratio_warn'; numerator: string; denominator: string; max: number; severity: Severity }
  /** Every 其中 item ≤ its total (R4), over the catalogue's parent links. */
  | { id: string; rule: 'part_le_total'; severity: Severity }
  /** The 其中 items' sum ≤ their total (R4); totals listed in `except` have overlapping parts. */
  | { id: string; rule: 'sum_parts_le_total'; except?: readonly string[]; severity: Severity }
  /** Numeric values are non-negative, integers where the type says so (R9). */
  | { id: string; rule: 'non_negative'; severity: Severity }
  /** (sum of `parts`) ≥ share × `total`, for spaces at `levels` only (R8's 75 % for national spaces). */
  | { id: string; rule: 'share_min'; parts: readonly string[]; total: string; share: number; levels: readonly ('city' | 'province' | 'national')[]; severity: Severity }
  /** Money typed in the wrong unit (R1): ≥ 1000× last year's or the peer median (元), or ≈ 1/10 of it (万元). */
  | { id: string; rule: 'unit_slip'; severity: Severity }
  /** A key indicator moving more than `max` (0.5 = ±50 %) on last year's accepted return (R10). */
  | { id: string; rule: 'yoy_change'; max: number; severity: Severity }
  /** Filing-condition floors (R11): each group holds when one of its alternatives reaches its minimum. */
  | { id: string; rule: 'floor'; anyOf: readonly { field: string; min: number }[]; severity: Severity }
  /** A prefilled value differs from the platform's own figure (R12): the filer explains. */
  | { id: string; rule: 'platform_diff'; severity: Severity };

export interface CatalogueDefinition {
  groups: readonly IndicatorGroup[];
  indicators: readonly Indicator[];
  rules: readonly Rule[];
}
