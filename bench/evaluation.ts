import { explainItem, loadShippedSchemes, scoreRound, type SchemeDefinition, type SpaceFigures } from '../src/modules/evaluation/index.ts';
import { percentile, rng } from './stats.ts';
import { EVALUATION_TARGET } from './targets.ts';

/**
 * A scheme of `items` indicators grown from the shipped 许昌 scheme: its indicators repeated under
 * new keys until there are enough, so every kind of scoring the shipped schemes use (step, linear,
 * percentile, expert points) is in the mix in the shipped proportions, with its vetoes and bonus.
 */
export function schemeOf(items: number): SchemeDefinition {
  const base = loadShippedSchemes().find((s) => s.category === 'regular')!.definition;
  const indicators = Array.from({ length: items }, (_, i) => {
    const model = base.indicators[i % base.indicators.length]!;
    const copy = Math.floor(i / base.indicators.length);
    if (copy === 0) return model;
    const key = `${model.key}_${copy}`;
    return { ...model, key, source: model.source.from === 'expert' ? { from: 'expert' as const, item: key } : model.source };
  });
  return { ...base, indicators };
}

/** Figures of `n` spaces for the scheme: every return code, platform figure and expert item it reads, one space in 50 without a return. */
export function figuresOf(scheme: SchemeDefinition, n: number, seed = 2026): SpaceFigures[] {
  const r = rng(seed);
  const sources = [...scheme.indicators, ...scheme.bonus, ...scheme.vetoes].map((i) => i.source);
  const codes = [...new Set(sources.flatMap((s) => (s.from === 'return' ? [s.code] : [])))];
  const experts = [...new Set(sources.flatMap((s) => (s.from === 'expert' ? [s.item] : [])))];
  return Array.from({ length: n }, (_, i) => ({
    spaceId: `space-${i}`,
    returnValues: i % 50 === 49 ? null : Object.fromEntries(codes.map((c) => [c, Math.floor(r() * 200)])),
    platform: { survival_s1: Math.round(r() * 100), survival_s3: Math.round(r() * 100), coaching_sessions: Math.floor(r() * 80), bookings: Math.floor(r() * 500), false_data_found: r() < 0.002 ? 1 : 0 },
    activities: { host: Math.floor(r() * 20), organiser: Math.floor(r() * 10), joint: Math.floor(r() * 10) },
    expert: Object.fromEntries(experts.map((e) => [e, Math.round(r() * 100) / 10])),
  }));
}

export interface EvaluationRow {
  spaces: number;
  items: number;
  runs: number;
  p50Ms: number;
  p95Ms: number;
  /** Explaining one space's every item, as a reader opening its score sheet does. */
  explainOneMs: number;
  targetMs: number;
  targetMet: boolean;
}

/**
 * Scoring a national round (issue 14: 12,000 spaces × 40 items < 2 s): the pure scorer over figures
 * already loaded, timed whole (rank and percentile items sort the round), after one untimed run.
 */
export function benchEvaluation({ spaces = EVALUATION_TARGET.spaces, items = EVALUATION_TARGET.items, runs = 5 } = {}): EvaluationRow {
  const scheme = schemeOf(items);
  const figures = figuresOf(scheme, spaces);
  let scores = scoreRound(scheme, figures);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    scores = scoreRound(scheme, figures);
    times.push(performance.now() - t0);
  }
  const t0 = performance.now();
  const one = scores[0]!;
  one.items.forEach((s, i) => explainItem(scheme.indicators[i]!, s));
  const explainOneMs = Math.round((performance.now() - t0) * 100) / 100;
  const p95Ms = Math.round(percentile(times, 95));
  return { spaces, items, runs, p50Ms: Math.round(percentile(times, 50)), p95Ms, explainOneMs, targetMs: EVALUATION_TARGET.ms, targetMet: p95Ms < EVALUATION_TARGET.ms };
}
