/**
 * Scores a round's spaces under a scheme and grades them; `explainItem` says how each item's points
 * came about in the words an evaluation report uses ("工位 62 个：达到50得5分，每增加1个加0.1分，得6.2分").
 * Pure: the figures come in (return, platform, experts), scores and grades go out; rank, percentile
 * and quota need the whole round, so the function takes all its spaces at once. A score keeps the
 * value, points and standing an explanation needs, not the text: a national round is 12,000 spaces
 * × 40 items, and the text of one space is made when someone reads it.
 */
import { GRADE_NAMES, type ActivityWeights, type Band, type BonusItem, type Grade, type PlatformFigure, type SchemeDefinition, type Scoring, type Source } from './scheme.ts';

export interface Text {
  zh: string;
  en: string;
}

/** Activities the space registered in the year, by its role (主办 / 承办 / 联合). */
export interface ActivityCounts {
  host: number;
  organiser: number;
  joint: number;
}

export interface SpaceFigures {
  spaceId: string;
  /** The accepted return's values in display units (money in 千元); null when none was accepted. */
  returnValues: Readonly<Record<string, number>> | null;
  platform: Readonly<Partial<Record<Exclude<PlatformFigure, 'activities_weighted'>, number>>>;
  activities: ActivityCounts | null;
  /** The mean of the experts' points per expert item. */
  expert: Readonly<Record<string, number>>;
  /** 应评未评: the space did not hand its evaluation in by the round's deadline. */
  missed?: boolean;
}

export interface ItemScore {
  key: string;
  /** The indicator's dimension; null for a bonus item. */
  dimension: string | null;
  value: number | null;
  points: number;
  /** Where the value stands among the round's, for rank and percentile scoring. */
  standing?: Standing;
}

export interface SpaceScore {
  spaceId: string;
  items: ItemScore[];
  bonus: ItemScore[];
  indicatorPoints: number;
  /** The bonus items' points after the scheme's bonus cap. */
  bonusPoints: number;
  total: number;
  vetoes: { key: string; label: string; labelEn: string; basis: string }[];
  missingReturn: boolean;
  grade: Grade;
  gradeReason: Text;
}

/** Where a value stands among the round's values of one item: competition ranking, ties share a rank. */
export interface Standing {
  rank: number;
  of: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
/** A figure as the report prints it: at most two decimals, no trailing zeros. */
const fmt = (n: number) => String(round2(n));
const withUnit = (n: number, unit: string) => (unit === '%' ? `${fmt(n)}%` : `${fmt(n)} ${unit}`.trimEnd());
/** The same without the space, inside a Chinese sentence ("达到50个"). */
const tight = (n: number, unit: string) => `${fmt(n)}${unit}`;

export const weightedActivities = (counts: ActivityCounts, w: ActivityWeights) => round2(counts.host * w.host + counts.organiser * w.organiser + counts.joint * w.joint);

function valueOf(source: Source, f: SpaceFigures, weights: ActivityWeights): number | null {
  switch (source.from) {
    case 'return':
      return f.returnValues?.[source.code] ?? null;
    case 'expert':
      return f.expert[source.item] ?? null;
    case 'platform':
      if (source.figure === 'activities_weighted') return f.activities ? weightedActivities(f.activities, weights) : null;
      return f.platform[source.figure] ?? null;
  }
}

const percentileBand = (sc: Extract<Scoring, { kind: 'percentile' }>, { rank, of }: Standing) => sc.bands.find((b) => (rank / of) * 100 <= b.top + 1e-9);

/** The points of one figure; no text, so a round of thousands of spaces scores fast (explain on reading). */
function pointsFor(sc: Scoring, value: number, standing: Standing | undefined): number {
  switch (sc.kind) {
    case 'step':
      // A small tolerance so 0.3 / 0.1 counts three steps, not 2.9999.
      return value < sc.threshold ? 0 : round2(Math.min(sc.cap, sc.base + Math.floor((value - sc.threshold) / sc.per + 1e-9) * sc.increment));
    case 'linear':
      return round2(value <= sc.from ? sc.min : value >= sc.to ? sc.max : sc.min + ((value - sc.from) / (sc.to - sc.from)) * (sc.max - sc.min));
    case 'rank':
      return round2(standing!.of === 1 ? sc.max : sc.max - ((standing!.rank - 1) * (sc.max - sc.min)) / (standing!.of - 1));
    case 'percentile':
      return percentileBand(sc, standing!)?.points ?? 0;
    case 'direct':
      return round2(Math.min(value, sc.cap));
  }
}

const MISSING: Record<Source['from'], Text> = {
  return: { zh: '无已审定的统计报表数据，不得分', en: 'no accepted return figure, no points' },
  platform: { zh: '无平台数据，不得分', en: 'no platform figure, no points' },
  expert: { zh: '无专家评分，不得分', en: 'no expert score, no points' },
};

/** How an item's points came about, in the words of an evaluation report ("工位 62 个：达到50得5分，每增加1个加0.1分，得6.2分"). */
export function explainItem(item: BonusItem, { value, points, standing }: ItemScore): Text {
  if (value === null) return { zh: `${item.label}：${MISSING[item.source.from].zh}`, en: `${item.labelEn}: ${MISSING[item.source.from].en}` };
  const sc = item.scoring;
  const u = item.unit;
  const p = fmt(points);
  const say = (zh: string, en: string) => ({ zh: `${item.label} ${withUnit(value, u)}：${zh}`, en: `${item.labelEn} ${withUnit(value, u)}: ${en}` });
  switch (sc.kind) {
    case 'step': {
      if (value < sc.threshold) return say(`未达到${tight(sc.threshold, u)}，不得分`, `below ${withUnit(sc.threshold, u)}, no points`);
      const rule = { zh: `达到${fmt(sc.threshold)}得${fmt(sc.base)}分，每增加${tight(sc.per, u)}加${fmt(sc.increment)}分`, en: `${fmt(sc.base)} at ${fmt(sc.threshold)}, +${fmt(sc.increment)} per ${fmt(sc.per)} more` };
      const capped = sc.base + Math.floor((value - sc.threshold) / sc.per + 1e-9) * sc.increment > sc.cap;
      return capped ? say(`${rule.zh}，最高${fmt(sc.cap)}分，得${p}分`, `${rule.en}, at most ${fmt(sc.cap)}: ${p} points`) : say(`${rule.zh}，得${p}分`, `${rule.en}: ${p} points`);
    }
    case 'linear':
      if (value <= sc.from) return say(`不高于${tight(sc.from, u)}，得${p}分`, `not above ${withUnit(sc.from, u)}: ${p} points`);
      if (value >= sc.to) return say(`达到${tight(sc.to, u)}，得${p}分`, `${withUnit(sc.to, u)} or more: ${p} points`);
      return say(`在${tight(sc.from, u)}至${tight(sc.to, u)}之间按线性计分（${fmt(sc.min)}分至${fmt(sc.max)}分），得${p}分`, `linear between ${withUnit(sc.from, u)} and ${withUnit(sc.to, u)} (${fmt(sc.min)} to ${fmt(sc.max)}): ${p} points`);
    case 'rank':
      return say(`在${standing!.of}个有数据的空间中排第${standing!.rank}名（首位${fmt(sc.max)}分、末位${fmt(sc.min)}分），得${p}分`, `rank ${standing!.rank} of ${standing!.of} (first ${fmt(sc.max)}, last ${fmt(sc.min)}): ${p} points`);
    case 'percentile': {
      const band = percentileBand(sc, standing!);
      const where = `在${standing!.of}个有数据的空间中排第${standing!.rank}名`;
      if (!band) return say(`${where}，未进入前${fmt(sc.bands.at(-1)!.top)}%，不得分`, `rank ${standing!.rank} of ${standing!.of}, outside the top ${fmt(sc.bands.at(-1)!.top)} %: no points`);
      return say(`${where}，位于前${fmt(band.top)}%，得${p}分`, `rank ${standing!.rank} of ${standing!.of}, in the top ${fmt(band.top)} %: ${p} points`);
    }
    case 'direct':
      return value > sc.cap ? say(`最高${fmt(sc.cap)}分，得${p}分`, `at most ${fmt(sc.cap)}: ${p} points`) : say(`得${p}分`, `${p} points`);
  }
}

/** The standings of one item's values (null: no figure), for rank and percentile scoring. */
function standingsOf(values: readonly (number | null)[]): (Standing | undefined)[] {
  const known = values.filter((v): v is number => v !== null).sort((a, b) => b - a);
  const firstIndex = new Map<number, number>();
  known.forEach((v, i) => firstIndex.has(v) || firstIndex.set(v, i));
  return values.map((v) => (v === null ? undefined : { rank: firstIndex.get(v)! + 1, of: known.length }));
}

interface Scored extends Omit<SpaceScore, 'grade' | 'gradeReason'> {
  grade?: Grade;
  gradeReason?: Text;
}

/**
 * Grades by score, band by band from the top. A band with a quota admits at most its share of the
 * round's spaces; when spaces tied on the same score straddle the quota, none of the tie is
 * admitted (a quota is a ceiling, and no tie-break could be justified), and they fall to the band
 * below with the reason said.
 */
function grade(bands: readonly Band[], scored: Scored[], roundSize: number): void {
  for (const band of bands) {
    const name = GRADE_NAMES[band.grade];
    const reached = scored.filter((s) => !s.grade && s.total >= band.minScore).sort((a, b) => b.total - a.total);
    let admitted = reached;
    if (band.maxShare !== undefined) {
      const places = Math.floor(band.maxShare * roundSize + 1e-9);
      if (reached.length > places) {
        const cut = reached[places]!.total;
        admitted = reached.filter((s) => s.total > cut);
        for (const s of reached.slice(admitted.length))
          s.gradeReason = {
            zh: `得分${fmt(s.total)}分，达到${name.zh}分数线${fmt(band.minScore)}分，但${name.zh}名额（不超过${fmt(band.maxShare * 100)}%，共${places}名）已满`,
            en: `${fmt(s.total)} points reach the ${name.en} line of ${fmt(band.minScore)}, but its places (at most ${fmt(band.maxShare * 100)} %, ${places}) are taken`,
          };
      }
    }
    for (const s of admitted) {
      s.grade = band.grade;
      const over = s.gradeReason ? { zh: `${s.gradeReason.zh}，评为${name.zh}`, en: `${s.gradeReason.en}; graded ${name.en}` } : null;
      s.gradeReason = over ?? { zh: `得分${fmt(s.total)}分，达到${name.zh}分数线${fmt(band.minScore)}分，评为${name.zh}`, en: `${fmt(s.total)} points reach the ${name.en} line of ${fmt(band.minScore)}: ${name.en}` };
    }
  }
  const lowest = bands.at(-1)!;
  for (const s of scored.filter((x) => !x.grade)) {
    s.grade = 'fail';
    s.gradeReason = s.gradeReason
      ? { zh: `${s.gradeReason.zh}，且未能评入下一等次，评为不合格`, en: `${s.gradeReason.en}; no lower band admits it: fail` }
      : { zh: `得分${fmt(s.total)}分，低于${GRADE_NAMES[lowest.grade].zh}分数线${fmt(lowest.minScore)}分，评为不合格`, en: `${fmt(s.total)} points are below the ${GRADE_NAMES[lowest.grade].en} line of ${fmt(lowest.minScore)}: fail` };
  }
}

/**
 * Why a space found to have given false data fails (AFTER-FILING §3: false data ⇒ that year's
 * evaluation is 不合格): a rule of the platform, not of a scheme, so it holds where a scheme carries no
 * veto on the figure (a scheme that does names its own veto instead).
 */
const FALSE_DATA_REASON: Text = { zh: '弄虚作假：当年被认定提供虚假数据，评为不合格', en: 'false data found this year: fail' };

/** Why an evaluation not handed in by the deadline fails (AFTER-FILING §3: not evaluated when due ⇒ D). */
export const MISSED_REASON: Text = { zh: '应评未评：未在截止时间前提交年度评价材料，评为不合格', en: 'due but not evaluated: not handed in by the deadline, fail' };

export function scoreRound(scheme: SchemeDefinition, spaces: readonly SpaceFigures[]): SpaceScore[] {
  const scoreItems = (items: readonly (BonusItem & { dimension?: string })[]) =>
    items.map((item) => {
      const values = spaces.map((f) => valueOf(item.source, f, scheme.activityWeights));
      const standings = item.scoring.kind === 'rank' || item.scoring.kind === 'percentile' ? standingsOf(values) : undefined;
      return values.map((value, s): ItemScore => {
        const standing = standings?.[s];
        const base = { key: item.key, dimension: item.dimension ?? null, value, points: value === null ? 0 : pointsFor(item.scoring, value, standing) };
        return standing ? { ...base, standing } : base;
      });
    });
  const indicators = scoreItems(scheme.indicators);
  const bonuses = scoreItems(scheme.bonus);
  const vetoValues = scheme.vetoes.map((v) => spaces.map((f) => valueOf(v.source, f, scheme.activityWeights)));

  const scored: Scored[] = spaces.map((f, s) => {
    const items = indicators.map((byItem) => byItem[s]!);
    const bonus = bonuses.map((byItem) => byItem[s]!);
    const indicatorPoints = round2(items.reduce((sum, i) => sum + i.points, 0));
    const bonusPoints = round2(Math.min(scheme.bonusCap, bonus.reduce((sum, i) => sum + i.points, 0)));
    const vetoes = scheme.vetoes.filter((v, j) => (vetoValues[j]![s] ?? -Infinity) >= v.atLeast).map(({ key, label, labelEn, basis }) => ({ key, label, labelEn, basis }));
    const result: Scored = { spaceId: f.spaceId, items, bonus, indicatorPoints, bonusPoints, total: round2(indicatorPoints + bonusPoints), vetoes, missingReturn: f.returnValues === null };
    if (f.missed && scheme.missingReturnFails) {
      result.grade = 'fail';
      result.gradeReason = MISSED_REASON;
    } else if (result.missingReturn && scheme.missingReturnFails) {
      result.grade = 'fail';
      result.gradeReason = { zh: '应评未评：当年无已审定的统计报表，评为不合格', en: 'due but not evaluated: no accepted return this year, fail' };
    } else if (vetoes.length) {
      result.grade = 'fail';
      result.gradeReason = { zh: `一票否决：${vetoes.map((v) => v.label).join('；')}，评为不合格`, en: `vetoed: ${vetoes.map((v) => v.labelEn).join('; ')}, fail` };
    } else if ((f.platform.false_data_found ?? 0) >= 1) {
      result.grade = 'fail';
      result.gradeReason = FALSE_DATA_REASON;
    }
    return result;
  });
  grade(scheme.bands, scored, spaces.length);
  return scored as SpaceScore[];
}

/** Why a space should lose its title (003 第十条; 002 §四(二)): two consecutive 不合格, or two consecutive missed returns. */
export type RevocationGround = 'two_failing_years' | 'two_missed_returns';

/**
 * The grounds for a revocation proposal from a space's graded years and its run of missed returns.
 * "连续2年" means two calendar years in a row: a year without an evaluation breaks the run.
 */
export function revocationGrounds(grades: readonly { year: number; grade: Grade }[], missedInARow: number): RevocationGround[] {
  const byYear = new Map(grades.map((g) => [g.year, g.grade]));
  const latest = Math.max(...byYear.keys());
  const grounds: RevocationGround[] = [];
  if (byYear.get(latest) === 'fail' && byYear.get(latest - 1) === 'fail') grounds.push('two_failing_years');
  if (missedInARow >= 2) grounds.push('two_missed_returns');
  return grounds;
}
