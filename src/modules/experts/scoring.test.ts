import { describe, expect, it } from 'vitest';
import { mean, rank, trimmedMean } from './aggregate.ts';
import { DEFAULT_SHEET, sheetProblems, weighScores } from './sheet.ts';

describe('score sheet', () => {
  it('accepts the default sheet', () => {
    expect(sheetProblems(DEFAULT_SHEET)).toEqual([]);
    expect(DEFAULT_SHEET.criteria.reduce((s, c) => s + c.weight, 0)).toBe(100);
  });
  it('names the fields of a bad sheet', () => {
    const bad = { ...DEFAULT_SHEET, criteria: [{ key: 'a', name: 'A', weight: 50, min: 0, max: 10 }, { key: 'a', name: 'B', weight: 40, min: 5, max: 5 }] };
    expect(sheetProblems(bad).map((p) => p.field)).toEqual(['body.criteria.1.key', 'body.criteria.1.max', 'body.criteria']);
  });
});

describe('weighScores', () => {
  const sheet = { ...DEFAULT_SHEET, criteria: [{ key: 'a', name: 'A', weight: 60, min: 0, max: 10 }, { key: 'b', name: 'B', weight: 40, min: 50, max: 100 }] };
  it('weighs each criterion by the share of its range, to two decimals', () => {
    expect(weighScores(sheet, { a: 10, b: 100 })).toEqual({ total: 100, problems: [] });
    expect(weighScores(sheet, { a: 0, b: 50 })).toEqual({ total: 0, problems: [] });
    expect(weighScores(sheet, { a: 7, b: 80 }).total).toBe(66); // 42 + 24
    expect(weighScores(sheet, { a: 3.3, b: 61 }).total).toBe(28.6); // 19.8 + 8.8
    expect(weighScores({ ...sheet, criteria: [{ key: 'a', name: 'A', weight: 100, min: 0, max: 3 }] }, { a: 1 }).total).toBe(33.33);
  });
  it('names missing, unknown and out-of-range criteria', () => {
    expect(weighScores(sheet, { a: 11, c: 1 }).problems.map((p) => p.field)).toEqual(['body.scores.c', 'body.scores.a', 'body.scores.b']);
    expect(weighScores(sheet, { a: 5, b: 49 }).problems.map((p) => p.field)).toEqual(['body.scores.b']);
  });
});

describe('aggregation', () => {
  it('means and trims one highest and one lowest from three scores on', () => {
    expect(mean([])).toBeNull();
    expect(trimmedMean([])).toBeNull();
    expect(trimmedMean([80, 90])).toBe(85);
    expect(trimmedMean([60, 80, 100])).toBe(80);
    expect(trimmedMean([50, 90, 90, 70])).toBe(80);
    expect(mean([70, 80, 81])).toBe(77);
    expect(mean([1, 2, 2])).toBe(1.67);
  });
  it('ranks by trimmed mean, then mean, then name; unscored last and unranked; ties share a rank', () => {
    const items = [
      { name: '丙', totals: [80, 80, 80] }, // trimmed 80, mean 80
      { name: '甲', totals: [60, 80, 100] }, // trimmed 80, mean 80 → tie with 丙, ordered by name
      { name: '乙', totals: [70, 80, 99] }, // trimmed 80, mean 83
      { name: '丁', totals: [] },
      { name: '戊', totals: [90] },
    ];
    const out = rank(items, (i) => i.totals, (i) => i.name);
    expect(out.map((r) => [r.item.name, r.rank])).toEqual([
      ['戊', 1],
      ['乙', 2],
      ['丙', 3],
      ['甲', 3],
      ['丁', null],
    ]);
  });
});
