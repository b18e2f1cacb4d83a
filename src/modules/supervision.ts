/**
 * Dynamic management (002 §四(二); 003 第十条) joins three modules that may not import one another
 * both ways: the evaluation publishes grades, the revocation module raises proposals, the space's
 * history shows the grades. Wired here, at the app layer, once.
 */
import { SYSTEM_CONTEXT } from '../shared/audit-context.ts';
import { registerGradeProvider } from './dossier-history/index.ts';
import { GRADE_NAMES, gradesOf, onGradesReleased, revocationGrounds } from './evaluation/index.ts';
import { proposeRevocationInTx } from './revocation/index.ts';

type GradeRow = Awaited<ReturnType<typeof gradesOf>>[number];

/**
 * Two consecutive 不合格 at one level, ending with `year`, for each level where it happened: the
 * level (whose filing the proposal is against) and its two grades.
 */
export function twoFailingYears(grades: readonly GradeRow[], year: number): { level: GradeRow['level']; grades: [GradeRow, GradeRow] }[] {
  const found: { level: GradeRow['level']; grades: [GradeRow, GradeRow] }[] = [];
  for (const level of new Set(grades.map((g) => g.level))) {
    const atLevel = grades.filter((g) => g.level === level && g.year <= year);
    if (!atLevel.some((g) => g.year === year) || !revocationGrounds(atLevel, 0).includes('two_failing_years')) continue;
    found.push({ level, grades: [atLevel.find((g) => g.year === year - 1)!, atLevel.find((g) => g.year === year)!] });
  }
  return found;
}

export function wireSupervision(): void {
  onGradesReleased(async (tx, { spaceIds, year }) => {
    const grades = await gradesOf(tx, spaceIds);
    for (const spaceId of spaceIds) {
      const found = twoFailingYears(
        grades.filter((g) => g.spaceId === spaceId),
        year,
      );
      // Each level's failing years are against that level's own filing, decided by that level.
      for (const { level, grades: failing } of found)
        await proposeRevocationInTx(tx, SYSTEM_CONTEXT, {
          spaceId,
          ground: 'two_failing_years',
          level,
          evidence: {
            summary: `${failing[0].year}、${failing[1].year} 年度评价连续两年不合格`,
            refs: failing.map((g) => ({ type: 'grade' as const, id: g.callId, label: `${g.year} 年度评价：${GRADE_NAMES.fail.zh}`, year: g.year, link: `/app/evaluation-rounds/${g.callId}` })),
          },
        });
    }
  });
  registerGradeProvider(async (db, spaceId) =>
    (await gradesOf(db, [spaceId])).map((g) => ({
      year: g.year,
      grade: g.grade,
      level: g.level,
      total: g.total,
      reason: g.gradeReason.zh || null,
      list: { title: g.listTitle, documentNumber: g.documentNumber, issuedOn: g.issuedOn },
      link: `/app/evaluation-rounds/${g.callId}`,
    })),
  );
}
