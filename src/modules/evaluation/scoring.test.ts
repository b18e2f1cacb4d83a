import { describe, expect, it } from 'vitest';
import { explainItem, inconsistencies, loadShippedSchemes, maxPoints, revocationGrounds, SchemeDefinition, scoreRound, type SpaceFigures } from './index.ts';

type Def = SchemeDefinition;
type Item = Def['indicators'][number];

const item = (key: string, scoring: Item['scoring'], extra: Partial<Item> = {}): Item => ({
  key,
  dimension: 'd',
  label: key === 'workstations' ? '工位' : key,
  labelEn: key,
  unit: '个',
  source: { from: 'return', code: key },
  scoring,
  basis: '测试',
  ...extra,
});

const scheme = (over: Partial<Def> = {}): Def => ({
  title: '测试方案',
  source: '测试',
  dimensions: [{ key: 'd', label: '维度', labelEn: 'dimension' }],
  indicators: [item('workstations', { kind: 'step', threshold: 50, base: 5, per: 1, increment: 0.1, cap: 10 })],
  bonus: [],
  bonusCap: 0,
  vetoes: [],
  bands: [
    { grade: 'excellent', minScore: 9 },
    { grade: 'good', minScore: 7 },
    { grade: 'pass', minScore: 5 },
  ],
  activityWeights: { host: 1, organiser: 0.5, joint: 0.5 },
  missingReturnFails: true,
  ...over,
});

const space = (spaceId: string, values: Record<string, number> | null, more: Partial<SpaceFigures> = {}): SpaceFigures => ({
  spaceId,
  returnValues: values,
  platform: {},
  activities: null,
  expert: {},
  ...more,
});

const one = (def: Def, figures: SpaceFigures) => scoreRound(def, [figures])[0]!;
/** The first indicator's score of each space, with its explanation. */
const firstItems = (def: Def, spaces: SpaceFigures[]) =>
  scoreRound(def, spaces).map((s) => ({ ...s.items[0]!, explanation: explainItem(def.indicators[0]!, s.items[0]!) }));
const first = (def: Def, figures: SpaceFigures) => firstItems(def, [figures])[0]!;
const pointsOf = (def: Def, value: number) => one(def, space('s', { workstations: value })).items[0]!.points;

describe('step scoring: threshold → base → increment per unit → cap', () => {
  it('explains a score in the words of an evaluation report', () => {
    expect(first(scheme(), space('s', { workstations: 62 }))).toMatchObject({
      points: 6.2,
      value: 62,
      explanation: { zh: '工位 62 个：达到50得5分，每增加1个加0.1分，得6.2分', en: 'workstations 62 个: 5 at 50, +0.1 per 1 more: 6.2 points' },
    });
  });

  it('gives nothing below the threshold, the base at it, whole steps above it and the cap beyond it', () => {
    expect(pointsOf(scheme(), 49.99)).toBe(0);
    expect(first(scheme(), space('s', { workstations: 49 })).explanation.zh).toBe('工位 49 个：未达到50个，不得分');
    expect(pointsOf(scheme(), 50)).toBe(5);
    expect(pointsOf(scheme(), 50.9)).toBe(5);
    expect(pointsOf(scheme(), 51)).toBe(5.1);
    expect(pointsOf(scheme(), 100)).toBe(10);
    expect(pointsOf(scheme(), 101)).toBe(10);
    expect(first(scheme(), space('s', { workstations: 130 })).explanation.zh).toBe('工位 130 个：达到50得5分，每增加1个加0.1分，最高10分，得10分');
  });

  it('counts steps of a fractional size without floating-point slips', () => {
    const def = scheme({ indicators: [item('workstations', { kind: 'step', threshold: 0.1, base: 1, per: 0.1, increment: 1, cap: 10 })] });
    expect(pointsOf(def, 0.3)).toBe(3);
  });
});

describe('linear, rank, percentile and direct scoring', () => {
  const linear = scheme({ indicators: [item('survival', { kind: 'linear', from: 50, to: 90, min: 2, max: 8 }, { label: '一年存活率', unit: '%', source: { from: 'platform', figure: 'survival_s1' } })] });
  const survival = (v: number) => first(linear, space('s', {}, { platform: { survival_s1: v } }));

  it('scores the ends of the range and straight between them', () => {
    expect(survival(50).points).toBe(2);
    expect(survival(40).points).toBe(2);
    expect(survival(70)).toMatchObject({ points: 5, explanation: { zh: '一年存活率 70%：在50%至90%之间按线性计分（2分至8分），得5分' } });
    expect(survival(90).points).toBe(8);
    expect(survival(99).explanation.zh).toBe('一年存活率 99%：达到90%，得8分');
  });

  it('ranks with ties sharing a place and spaces without the figure left out', () => {
    const def = scheme({ indicators: [item('teams', { kind: 'rank', max: 10, min: 2 })] });
    const scores = firstItems(def, [space('a', { teams: 30 }), space('b', { teams: 30 }), space('c', { teams: 10 }), space('d', {})]);
    expect(scores.map((s) => s.points)).toEqual([10, 10, 2, 0]);
    expect(scores[2]!.explanation.zh).toBe('teams 10 个：在3个有数据的空间中排第3名（首位10分、末位2分），得2分');
    expect(scores[3]!.explanation.zh).toBe('teams：无已审定的统计报表数据，不得分');
    expect(scoreRound(def, [space('alone', { teams: 1 })])[0]!.items[0]!.points).toBe(10);
  });

  it('puts a space in the first percentile band its rank falls in, the band edge included', () => {
    const def = scheme({ indicators: [item('teams', { kind: 'percentile', bands: [{ top: 10, points: 8 }, { top: 50, points: 4 }] })] });
    const spaces = Array.from({ length: 20 }, (_, i) => space(`s${i}`, { teams: 100 - i }));
    const scores = firstItems(def, spaces);
    const points = scores.map((s) => s.points);
    expect(points.slice(0, 2)).toEqual([8, 8]);
    expect(points.slice(2, 10)).toEqual(Array(8).fill(4));
    expect(points.slice(10)).toEqual(Array(10).fill(0));
    expect(scores[10]!.explanation.zh).toBe('teams 90 个：在20个有数据的空间中排第11名，未进入前50%，不得分');
  });

  it('takes expert points as given up to the cap', () => {
    const def = scheme({ indicators: [item('quality', { kind: 'direct', cap: 10 }, { label: '服务质量', unit: '分', source: { from: 'expert', item: 'quality' } })] });
    expect(one(def, space('s', {}, { expert: { quality: 8.5 } })).items[0]!.points).toBe(8.5);
    expect(first(def, space('s', {}, { expert: { quality: 12 } })).explanation.zh).toBe('服务质量 12 分：最高10分，得10分');
    expect(first(def, space('s', {})).explanation.zh).toBe('服务质量：无专家评分，不得分');
  });

  it('weights activities by the space role: hosted 1, organised 0.5, joint 0.5', () => {
    const def = scheme({ indicators: [item('activities', { kind: 'step', threshold: 5, base: 5, per: 1, increment: 1, cap: 10 }, { source: { from: 'platform', figure: 'activities_weighted' }, unit: '场' })] });
    expect(one(def, space('s', {}, { activities: { host: 4, organiser: 2, joint: 1 } })).items[0]).toMatchObject({ value: 5.5, points: 5 });
    expect(one(def, space('s', {})).items[0]!.points).toBe(0);
  });
});

describe('bonus, vetoes and grades', () => {
  const bonusItem = (key: string, cap: number) => item(key, { kind: 'step', threshold: 1, base: cap, per: 1, increment: 0, cap });

  it('caps the bonus as a whole', () => {
    const def = scheme({ bonus: [bonusItem('patents', 2), bonusItem('listed', 2)], bonusCap: 3 });
    const s = one(def, space('s', { workstations: 50, patents: 1, listed: 1 }));
    expect([s.indicatorPoints, s.bonus.map((b) => b.points), s.bonusPoints, s.total]).toEqual([5, [2, 2], 3, 8]);
  });

  it('fails a vetoed space whatever its score, from the veto figure upwards', () => {
    const veto = { key: 'fraud', label: '弄虚作假', labelEn: 'false data', source: { from: 'platform' as const, figure: 'false_data_found' as const }, atLeast: 1, basis: '测试' };
    const def = scheme({ vetoes: [veto] });
    const vetoed = one(def, space('s', { workstations: 100 }, { platform: { false_data_found: 1 } }));
    expect(vetoed).toMatchObject({ total: 10, grade: 'fail', gradeReason: { zh: '一票否决：弄虚作假，评为不合格' }, vetoes: [{ key: 'fraud' }] });
    expect(one(def, space('s', { workstations: 100 }, { platform: { false_data_found: 0 } })).grade).toBe('excellent');
  });

  it('fails a space found to have given false data under a scheme without that veto, saying why', () => {
    const found = one(scheme(), space('s', { workstations: 100 }, { platform: { false_data_found: 1 } }));
    expect(found).toMatchObject({ total: 10, vetoes: [], grade: 'fail', gradeReason: { zh: '弄虚作假：当年被认定提供虚假数据，评为不合格' } });
    expect(one(scheme(), space('s', { workstations: 100 }, { platform: { false_data_found: 0 } })).grade).toBe('excellent');
  });

  it('grades at the band lines exactly and below the last one as fail', () => {
    const grades = scoreRound(scheme(), [90, 70, 69.99, 50, 49].map((w, i) => space(`s${i}`, { workstations: w }))).map((s) => [s.total, s.grade]);
    expect(grades).toEqual([[9, 'excellent'], [7, 'good'], [6.9, 'pass'], [5, 'pass'], [0, 'fail']]);
    expect(scoreRound(scheme(), [space('s', { workstations: 49 })])[0]!.gradeReason.zh).toBe('得分0分，低于合格分数线5分，评为不合格');
  });

  it('fails a space with no accepted return when the scheme says so, and scores it otherwise', () => {
    expect(one(scheme(), space('s', null))).toMatchObject({ missingReturn: true, grade: 'fail', gradeReason: { zh: '应评未评：当年无已审定的统计报表，评为不合格' } });
    const lenient = scheme({ missingReturnFails: false, indicators: [...scheme().indicators, item('quality', { kind: 'direct', cap: 10 }, { source: { from: 'expert', item: 'quality' } })] });
    expect(one(lenient, space('s', null, { expert: { quality: 9 } }))).toMatchObject({ missingReturn: true, total: 9, grade: 'excellent' });
  });

  it('holds a quota as a ceiling: the excess falls to the next band, a tie straddling the quota falls whole', () => {
    const quota = scheme({ bands: [{ grade: 'excellent', minScore: 9, maxShare: 0.4 }, { grade: 'good', minScore: 7 }, { grade: 'pass', minScore: 5 }] });
    // Five spaces: two places for 优秀; three reach its line.
    const clear = scoreRound(quota, [100, 95, 90, 75, 55].map((w, i) => space(`s${i}`, { workstations: w })));
    expect(clear.map((s) => s.grade)).toEqual(['excellent', 'excellent', 'good', 'good', 'pass']);
    expect(clear[2]!.gradeReason.zh).toBe('得分9分，达到优秀分数线9分，但优秀名额（不超过40%，共2名）已满，评为良好');
    // The second and third tie on 9.5: admitting one would be arbitrary, so both fall.
    const tied = scoreRound(quota, [100, 95, 95, 75, 55].map((w, i) => space(`s${i}`, { workstations: w })));
    expect(tied.map((s) => s.grade)).toEqual(['excellent', 'good', 'good', 'good', 'pass']);
  });

  it('fails a space that a quota pushes below every band, saying why', () => {
    const tight = scheme({ bands: [{ grade: 'excellent', minScore: 9, maxShare: 0.5 }] });
    const scores = scoreRound(tight, [100, 100].map((w, i) => space(`s${i}`, { workstations: w })));
    expect(scores.map((s) => s.grade)).toEqual(['fail', 'fail']);
    expect(scores[0]!.gradeReason.zh).toBe('得分10分，达到优秀分数线9分，但优秀名额（不超过50%，共1名）已满，且未能评入下一等次，评为不合格');
  });
});

describe('grounds for revocation (003 第十条; 002 §四(二))', () => {
  const years = (...g: ('fail' | 'pass' | null)[]) => g.flatMap((grade, i) => (grade ? [{ year: 2022 + i, grade }] : []));

  it('proposes after two failing years in a row, not after fail-pass-fail or a gap', () => {
    expect(revocationGrounds(years('fail', 'fail'), 0)).toEqual(['two_failing_years']);
    expect(revocationGrounds(years('fail', 'pass', 'fail'), 0)).toEqual([]);
    expect(revocationGrounds(years('fail', null, 'fail'), 0)).toEqual([]);
    expect(revocationGrounds(years('fail', 'fail', 'pass'), 0)).toEqual([]);
    expect(revocationGrounds([], 0)).toEqual([]);
  });

  it('proposes after two missed returns in a row', () => {
    expect(revocationGrounds(years('pass'), 1)).toEqual([]);
    expect(revocationGrounds(years('fail', 'fail'), 2)).toEqual(['two_failing_years', 'two_missed_returns']);
  });
});

describe('scheme definitions', () => {
  it('ships one scheme per seed jurisdiction, each worth 100 points and reading only figures its catalogue has', () => {
    const shipped = loadShippedSchemes();
    expect(shipped.map((s) => [s.id, s.regionCode, s.category])).toEqual([
      ['liaoning-2026-professional', '210000', 'professional'],
      ['xuchang-2026-regular', '411000', 'regular'],
    ]);
    for (const s of shipped) expect(maxPoints(s.definition)).toBe(100);
  });

  it('names every inconsistency by its field', () => {
    const def = scheme({
      indicators: [
        item('a', { kind: 'step', threshold: 1, base: 5, per: 1, increment: 1, cap: 4 }),
        item('a', { kind: 'linear', from: 5, to: 5, min: 0, max: 1 }, { dimension: 'x' }),
        item('c', { kind: 'direct', cap: 5 }),
        item('e', { kind: 'rank', max: 1, min: 2 }, { source: { from: 'return', code: 'unknown' } }),
      ],
      bands: [
        { grade: 'good', minScore: 80 },
        { grade: 'excellent', minScore: 90 },
      ],
    });
    expect(inconsistencies(def, 'body.definition', new Set(['a', 'c'])).map((e) => e.field)).toEqual([
      'body.definition.indicators.1.key',
      'body.definition.indicators.1.dimension',
      'body.definition.indicators.3.source.code',
      'body.definition.indicators.0.scoring.cap',
      'body.definition.indicators.1.scoring.to',
      'body.definition.indicators.2.scoring.kind',
      'body.definition.indicators.3.scoring.min',
      'body.definition.bands.1.minScore',
      'body.definition.bands.1.grade',
    ]);
    expect(SchemeDefinition.safeParse({ ...def, bonusCap: -1 }).success).toBe(false);
  });
});
