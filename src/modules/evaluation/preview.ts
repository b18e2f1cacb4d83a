/**
 * 预览: a scheme scored on a past year's figures of the reader's jurisdiction, before anyone relies
 * on it (a draft while it is edited, or a published version before a round pins it). Nothing is
 * written: the spaces filed in the reader's jurisdiction of the scheme's category are scored at once
 * (rank, percentile and quota need the whole round), then one page of them is explained.
 */
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import type { Sort } from '../../shared/http/sorting.ts';
import { regions } from '../regions/index.ts';
import { spaces } from '../spaces/index.ts';
import { evaluationFiguresOf, filedSpaces } from './figures.ts';
import { canScheme } from './policy.ts';
import { GRADES, type Grade } from './scheme.ts';
import { getScheme } from './schemes.ts';
import { explainItem, scoreRound, type ItemScore, type SpaceScore } from './scoring.ts';

export const PREVIEW_SORTS = ['total', 'name'] as const;

export interface PreviewQuery extends Sort<(typeof PREVIEW_SORTS)[number]> {
  page: number;
  pageSize: number;
  grade?: Grade | undefined;
}

/** The spaces filed within `regionPath` that the scheme grades (its category, and its regular types if it names them), with their names: two statements. */
async function spacesInScope(db: DbOrTx, regionPath: string, scheme: { category: 'regular' | 'professional'; types: ('tech_support' | 'investment_driven' | 'comprehensive')[] | null }) {
  const ids = (await filedSpaces(db, regionPath, scheme)).map((s) => s.id);
  if (!ids.length) return [];
  return db.select({ id: spaces.id, name: spaces.name, regionName: regions.name }).from(spaces).innerJoin(regions, eq(regions.code, spaces.regionCode)).where(inArray(spaces.id, ids));
}

/**
 * Scores the scheme on `year` (the year before the scheme's by default) over the reader's
 * jurisdiction: the grade distribution of all its spaces, and one page of them, best first unless
 * sorted otherwise, each with its total, grade and every point explained. A fixed number of
 * statements whatever the jurisdiction's size (the scheme, the scope, its names, the figures).
 */
export async function previewScheme(db: DbOrTx, actor: Actor, id: string, input: { year?: number | undefined }, query: PreviewQuery) {
  if (!canScheme(actor, 'evaluation_scheme.read')) throw new AppError('FORBIDDEN');
  const scheme = await getScheme(db, actor, id);
  const year = input.year ?? scheme.year - 1;
  const inScope = await spacesInScope(db, actor.jurisdictionPath!, scheme);
  const figures = await evaluationFiguresOf(db, { year, spaceIds: inScope.map((s) => s.id) });
  const scores = scoreRound(scheme.definition, figures);
  const named = scores.map((score, i) => ({ score, space: inScope[i]! }));

  const distribution = GRADES.map((grade) => ({ grade, count: scores.filter((s) => s.grade === grade).length }));
  const byName = (a: (typeof named)[number], b: (typeof named)[number]) => a.space.name.localeCompare(b.space.name, 'zh-CN') || a.space.id.localeCompare(b.space.id);
  const direction = query.order === 'desc' ? -1 : 1;
  const sorted = named
    .filter((n) => !query.grade || n.score.grade === query.grade)
    .sort((a, b) => (query.sort === 'name' ? direction * byName(a, b) : query.sort === 'total' ? direction * (a.score.total - b.score.total) || byName(a, b) : b.score.total - a.score.total || byName(a, b)));
  const page = sorted.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);

  const items = new Map([...scheme.definition.indicators, ...scheme.definition.bonus].map((item) => [item.key, item]));
  const explained = (s: ItemScore) => {
    const item = items.get(s.key)!;
    const text = explainItem(item, s);
    return { key: s.key, label: item.label, labelEn: item.labelEn, dimension: s.dimension, value: s.value, points: s.points, explanation: text.zh, explanationEn: text.en };
  };
  const view = ({ score, space }: { score: SpaceScore; space: (typeof inScope)[number] }) => ({
    spaceId: space.id,
    spaceName: space.name,
    regionName: space.regionName,
    total: score.total,
    indicatorPoints: score.indicatorPoints,
    bonusPoints: score.bonusPoints,
    grade: score.grade,
    gradeReason: score.gradeReason.zh,
    gradeReasonEn: score.gradeReason.en,
    missingReturn: score.missingReturn,
    vetoes: score.vetoes.map((v) => ({ label: v.label, labelEn: v.labelEn })),
    items: score.items.map(explained),
    bonus: score.bonus.map(explained),
  });
  return { year, spacesTotal: scores.length, distribution, items: page.map(view), total: sorted.length, page: query.page, pageSize: query.pageSize };
}
