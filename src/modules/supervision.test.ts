import { describe, expect, it } from 'vitest';
import { twoFailingYears } from './supervision.ts';

const grade = (year: number, grade: 'excellent' | 'good' | 'pass' | 'fail', level: 'city' | 'province' = 'city') => ({
  spaceId: 's',
  year,
  level,
  grade,
  total: null,
  gradeReason: { zh: '', en: '' },
  callId: `call-${year}-${level}`,
  listId: `list-${year}`,
  listTitle: `${year}年度评价结果`,
  documentNumber: `许科〔${year + 1}〕9号`,
  issuedOn: `${year + 1}-03-01`,
  publishedAt: new Date(`${year + 1}-03-01T00:00:00Z`),
});

describe('two consecutive failing years (002 §四(二); 003 第十条)', () => {
  it('不合格-不合格 raises a proposal with both grades', () => {
    const found = twoFailingYears([grade(2024, 'fail'), grade(2025, 'fail')], 2025);
    expect(found.map((f) => [f.level, f.grades.map((g) => g.year)])).toEqual([['city', [2024, 2025]]]);
  });

  it('不合格-合格-不合格 raises none, nor a single failing year', () => {
    expect(twoFailingYears([grade(2023, 'fail'), grade(2024, 'pass'), grade(2025, 'fail')], 2025)).toEqual([]);
    expect(twoFailingYears([grade(2025, 'fail')], 2025)).toEqual([]);
  });

  it('counts the years at one level only, and up to the year released', () => {
    expect(twoFailingYears([grade(2024, 'fail', 'province'), grade(2025, 'fail', 'city')], 2025)).toEqual([]);
    // Releasing 2024 again (a late correction) looks at 2023 and 2024, not at a later year.
    expect(twoFailingYears([grade(2023, 'pass'), grade(2024, 'fail'), grade(2025, 'fail')], 2024)).toEqual([]);
  });

  it('names the level that failed twice, each level on its own', () => {
    const cityOnly = [grade(2024, 'fail', 'city'), grade(2025, 'fail', 'city'), grade(2024, 'pass', 'province'), grade(2025, 'fail', 'province')];
    expect(twoFailingYears(cityOnly, 2025).map((f) => f.level)).toEqual(['city']);
    const both = [grade(2024, 'fail', 'city'), grade(2025, 'fail', 'city'), grade(2024, 'fail', 'province'), grade(2025, 'fail', 'province')];
    expect(twoFailingYears(both, 2025).map((f) => f.level)).toEqual(['city', 'province']);
  });
});
