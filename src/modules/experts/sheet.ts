import type { FieldError } from '../../shared/errors.ts';
import type { ScoreCriterion } from './schema.ts';

/** A call's score sheet as the experts and the authority use it. */
export interface ScoreSheet {
  criteria: ScoreCriterion[];
  /** A weighted total below this needs a comment. */
  commentBelow: number;
  expertsPerApplication: number;
  sameCityConflict: boolean;
}

const criterion = (key: string, name: string, weight: number): ScoreCriterion => ({ key, name, weight, min: 0, max: 100 });

/** Used while a call has no sheet of its own (the usual four headings of a space review). */
export const DEFAULT_SHEET: ScoreSheet = {
  criteria: [criterion('foundation', '建设基础', 25), criterion('services', '服务能力', 25), criterion('results', '孵化成效', 30), criterion('operation', '运营机制', 20)],
  commentBelow: 60,
  expertsPerApplication: 3,
  sameCityConflict: false,
};

/** What the schema cannot check: weights add up to 100, ranges, unique keys. Each error names its field. */
export function sheetProblems(sheet: ScoreSheet): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  sheet.criteria.forEach((c, i) => {
    if (seen.has(c.key)) out.push({ field: `body.criteria.${i}.key`, message: `评分项标识“${c.key}”重复`, messageEn: `criterion key "${c.key}" repeats` });
    seen.add(c.key);
    if (!(c.min < c.max)) out.push({ field: `body.criteria.${i}.max`, message: '最高分须大于最低分', messageEn: 'max must be greater than min' });
  });
  const sum = sheet.criteria.reduce((s, c) => s + c.weight, 0);
  if (Math.abs(sum - 100) > 1e-9)
    out.push({ field: 'body.criteria', message: `各评分项权重之和须为 100（当前为 ${sum}）`, messageEn: `the weights must add up to 100 (they add up to ${sum})` });
  return out;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Checks one expert's scores against the sheet (every criterion, nothing else, within its range)
 * and gives the weighted total on 0–100: each criterion counts its weight times the share of its
 * range reached. Problems name `body.scores.<key>`.
 */
export function weighScores(sheet: ScoreSheet, scores: Record<string, number>): { total: number; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const known = new Set(sheet.criteria.map((c) => c.key));
  for (const key of Object.keys(scores))
    if (!known.has(key)) problems.push({ field: `body.scores.${key}`, message: '评分表中没有该评分项', messageEn: 'the sheet has no such criterion' });
  let total = 0;
  for (const c of sheet.criteria) {
    const v = scores[c.key];
    if (v === undefined) problems.push({ field: `body.scores.${c.key}`, message: `请为“${c.name}”打分`, messageEn: `score "${c.key}"` });
    else if (v < c.min || v > c.max)
      problems.push({ field: `body.scores.${c.key}`, message: `“${c.name}”的分数须在 ${c.min}–${c.max} 之间`, messageEn: `"${c.key}" must be between ${c.min} and ${c.max}` });
    else total += (c.weight * (v - c.min)) / (c.max - c.min);
  }
  return { total: round2(total), problems };
}
