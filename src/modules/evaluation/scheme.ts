/**
 * The shape of an evaluation scheme (年度评价方案, AFTER-FILING §3): the indicators a jurisdiction
 * scores its filed spaces on in one year, where each figure comes from, how it turns into points,
 * the bonus items, the one-vote vetoes and the grade bands. A scheme is data (the shipped ones are
 * JSON files beside this one); this Zod schema is its one definition, for the shipped files, the
 * authority's edits and the web form alike.
 */
import { z } from 'zod';
import { GRADES, GRADE_NAMES, type Grade } from '../../shared/domain.ts';
import type { FieldError } from '../../shared/errors.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { scoringMax } from './points.ts';

export { GRADES, GRADE_NAMES, type Grade };

/**
 * Figures the platform derives itself, per space and year: survival of its entry cohorts (roster),
 * activities registered weighted by the space's role, mentors' coaching sessions, bookings, and
 * whether false data was found (a credit record of kind fraud in the year).
 */
export const PLATFORM_FIGURES = ['survival_s1', 'survival_s3', 'activities_weighted', 'coaching_sessions', 'bookings', 'false_data_found'] as const;
export type PlatformFigure = (typeof PLATFORM_FIGURES)[number];

const text = (zh: string, en: string, max = 200) => z.string(bi(zh, en)).trim().min(1, bi(`请填写${zh}`, `${en} is required`)).max(max, bi(`${zh}不能超过 ${max} 个字`, `${en}: at most ${max} characters`));
const points = z.number(bi('分值应为数字', 'points must be a number')).min(0, bi('分值不能为负', 'points cannot be negative')).max(100, bi('分值不能超过 100', 'points cannot exceed 100'));
const amount = z.number(bi('应为数字', 'must be a number')).min(0, bi('不能为负', 'cannot be negative'));
const key = z.string(bi('应为编码', 'must be a key')).regex(/^[a-z][a-z0-9_]{0,39}$/, bi('编码只能由小写字母、数字和下划线组成', 'a key is lower-case letters, digits and underscores'));

export const Source = z.discriminatedUnion('from', [
  /** An indicator of the space's accepted return, in the catalogue's display unit (money in 千元). */
  z.strictObject({ from: z.literal('return'), code: key }),
  z.strictObject({ from: z.literal('platform'), figure: z.enum(PLATFORM_FIGURES, bi('未知的平台数据项', 'unknown platform figure')) }),
  /** The mean of the experts' scores for this item, already in points. */
  z.strictObject({ from: z.literal('expert'), item: key }),
]);
export type Source = z.infer<typeof Source>;

export const Scoring = z.discriminatedUnion('kind', [
  /**
   * Threshold → base points → increment per unit → cap: "工位 <50 不得分；达到50得5分，每增加1个加0.1分，
   * 最高10分". Only whole steps of `per` above the threshold count.
   */
  z.strictObject({ kind: z.literal('step'), threshold: amount, base: points, per: amount.positive(bi('步长应大于 0', 'the step must be positive')), increment: points, cap: points }),
  /** Linear within a range: `min` points at or below `from`, `max` at or above `to`, straight between. */
  z.strictObject({ kind: z.literal('linear'), from: amount, to: amount, min: points, max: points }),
  /** By rank among the scored spaces of the round: the best `max`, the last `min`, evenly between; ties share a rank. */
  z.strictObject({ kind: z.literal('rank'), max: points, min: points }),
  /** By percentile: the first band whose top share the space falls in (e.g. top 20 % → 10 points). */
  z.strictObject({
    kind: z.literal('percentile'),
    bands: z.array(z.strictObject({ top: z.number().gt(0, bi('比例应大于 0', 'the share must be positive')).max(100, bi('比例不能超过 100%', 'the share cannot exceed 100 %')), points })).min(1, bi('请至少设置一档', 'give at least one band')).max(10),
  }),
  /** Points as given (expert scores), capped. */
  z.strictObject({ kind: z.literal('direct'), cap: points }),
]);
export type Scoring = z.infer<typeof Scoring>;

const Item = z.strictObject({
  key,
  label: text('指标名称', 'indicator name', 60),
  labelEn: text('英文名称', 'English name', 120),
  /** How the figure is counted in explanations (个, 人, 平方米, 千元, %, 场, 分). */
  unit: z.string().trim().max(8),
  source: Source,
  scoring: Scoring,
  /** The clause it rests on, or why the platform chose the number ("平台设定：…"). */
  basis: text('依据', 'basis', 300),
});

export const Indicator = Item.extend({ dimension: key });
export type SchemeIndicator = z.infer<typeof Indicator>;
export type BonusItem = z.infer<typeof Item>;

export const Veto = z.strictObject({
  key,
  label: text('否决事项', 'veto', 100),
  labelEn: text('英文名称', 'English name', 160),
  source: Source,
  /** Vetoed when the figure is at least this (1 for a yes/no figure). */
  atLeast: amount,
  basis: text('依据', 'basis', 300),
});
export type Veto = z.infer<typeof Veto>;

export const Band = z.strictObject({
  grade: z.enum(['excellent', 'good', 'pass'], bi('等次应为优秀、良好或合格', 'a band is excellent, good or pass')),
  minScore: points,
  /** At most this share of the scored spaces (0–1); the excess goes to the next band. */
  maxShare: z.number().gt(0).max(1).optional(),
});
export type Band = z.infer<typeof Band>;

/** Activities by the space's role (主办 / 承办 / 联合), for the weighted activity figure. */
export const ActivityWeights = z.strictObject({ host: amount.max(1), organiser: amount.max(1), joint: amount.max(1) });
export type ActivityWeights = z.infer<typeof ActivityWeights>;

export const SchemeDefinition = z.strictObject({
  title: text('方案名称', 'title', 120),
  source: text('依据文件', 'source document', 300),
  dimensions: z.array(z.strictObject({ key, label: text('维度名称', 'dimension name', 30), labelEn: text('英文名称', 'English name', 60) })).min(1).max(10),
  indicators: z.array(Indicator).min(1, bi('请至少设置一个指标', 'give at least one indicator')).max(80),
  bonus: z.array(Item).max(20),
  bonusCap: points,
  vetoes: z.array(Veto).max(20),
  bands: z.array(Band).min(1).max(3),
  activityWeights: ActivityWeights,
  /**
   * 应评未评 ⇒ 不合格 — no accepted return when due, or the evaluation itself not handed in by the
   * round's deadline: on in most jurisdictions (Nanjing practice), switchable.
   */
  missingReturnFails: z.boolean(),
});

/**
 * What only the whole scheme can tell, beyond each field's shape: unique keys, indicators in a
 * declared dimension, figures of a return that the year's catalogue holds as numbers (`returnCodes`),
 * ranges that run the right way, bands from the top grade down. Every problem
 * named by its field (`body.definition.indicators.3.scoring.cap`) at once; empty when consistent.
 */
export function inconsistencies(s: SchemeDefinition, prefix: string, returnCodes: ReadonlySet<string>): FieldError[] {
  const errors: FieldError[] = [];
  const bad = (field: string, message: string, messageEn: string) => errors.push({ field: `${prefix}.${field}`, message, messageEn });
  const keys = new Set<string>();
  for (const [list, items] of [['indicators', s.indicators], ['bonus', s.bonus], ['vetoes', s.vetoes]] as const)
    items.forEach((item, i) => {
      if (keys.has(item.key)) bad(`${list}.${i}.key`, `编码“${item.key}”重复`, `the key "${item.key}" is used twice`);
      keys.add(item.key);
    });
  const dimensions = new Set(s.dimensions.map((d) => d.key));
  s.indicators.forEach((item, i) => {
    if (!dimensions.has(item.dimension)) bad(`indicators.${i}.dimension`, `维度“${item.dimension}”不存在`, `no dimension "${item.dimension}"`);
  });
  for (const [list, items] of [['indicators', s.indicators], ['bonus', s.bonus], ['vetoes', s.vetoes]] as const)
    items.forEach((item, i) => {
      if (item.source.from === 'return' && !returnCodes.has(item.source.code))
        bad(`${list}.${i}.source.code`, `统计指标“${item.source.code}”不是当年指标目录的数值指标`, `"${item.source.code}" is not a numeric indicator of the year's catalogue`);
    });
  for (const [list, items] of [['indicators', s.indicators], ['bonus', s.bonus]] as const)
    items.forEach((item, i) => {
      const sc = item.scoring;
      const at = `${list}.${i}.scoring`;
      if (sc.kind === 'step' && sc.cap < sc.base) bad(`${at}.cap`, '封顶分不能低于基础分', 'the cap cannot be below the base points');
      if (sc.kind === 'linear' && sc.to <= sc.from) bad(`${at}.to`, '区间上限应大于下限', 'the upper end must exceed the lower end');
      if (sc.kind === 'rank' && sc.min > sc.max) bad(`${at}.min`, '末位得分不能高于首位得分', 'the last place cannot score above the first');
      if (sc.kind === 'percentile' && sc.bands.some((b, j) => j > 0 && b.top <= sc.bands[j - 1]!.top)) bad(`${at}.bands`, '各档比例应从小到大排列', 'the bands must widen from the top');
      if ((item.source.from === 'expert') !== (sc.kind === 'direct'))
        bad(`${at}.kind`, '专家评分项直接计分，其他指标不能直接计分', 'expert items, and only they, score their points directly');
    });
  s.bands.forEach((b, i) => {
    const prev = s.bands[i - 1];
    if (prev && b.minScore >= prev.minScore) bad(`bands.${i}.minScore`, '等次分数线应从高到低排列', 'the bands go from the highest score down');
    if (prev && GRADES.indexOf(b.grade) <= GRADES.indexOf(prev.grade)) bad(`bands.${i}.grade`, '等次应按优秀、良好、合格的顺序各设一次', 'each band once, in the order excellent, good, pass');
  });
  return errors;
}

export type SchemeDefinition = z.infer<typeof SchemeDefinition>;

/** The most points the scheme's indicators can give (bonus aside): a scheme usually totals 100. */
export const maxPoints = (s: SchemeDefinition) => s.indicators.reduce((sum, i) => sum + scoringMax(i.scoring), 0);
