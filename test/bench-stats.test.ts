import { describe, expect, it } from 'vitest';
import { toSteps, type Captured } from '../bench/capture.ts';
import { pairedRatios, percentile, round, spread } from '../bench/stats.ts';

describe('benchmark statistics', () => {
  it('takes percentiles by nearest rank, whatever the order of the samples', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 95)).toBe(10);
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile([42], 95)).toBe(42);
    expect(percentile([], 50)).toBeNaN();
  });

  it('reports the median and range of per-round ratios', () => {
    const ratios = pairedRatios([80, 90, 70], [100, 100, 100]);
    expect(ratios).toEqual([0.8, 0.9, 0.7]);
    expect(spread(ratios)).toEqual({ median: 0.8, min: 0.7, max: 0.9 });
    expect(() => pairedRatios([1], [1, 2])).toThrow(/rounds differ/);
  });

  it('rounds for tables', () => {
    expect(round(0.12345, 2)).toBe(0.12);
    expect(round(12.35)).toBe(12.4);
  });
});

describe('grouping captured statements for the bare server', () => {
  const at = (text: string, t0: number, t1: number, tx: number | null = null): Captured => ({ text, values: [], tx, t0, t1 });

  it('keeps sequential statements apart, overlapping ones in one parallel batch, a transaction whole', () => {
    const steps = toSteps([
      at('session', 0, 1),
      at('user', 2, 3),
      at('page', 4, 9),
      at('count', 5, 8),
      at('calls', 6, 7),
      at('rows', 10, 11, 7),
      at('audit insert', 12, 13, 7),
      at('after', 14, 15),
    ]);
    expect(steps.map((s) => [s.kind, s.statements.map((x) => x.text)])).toEqual([
      ['batch', ['session']],
      ['batch', ['user']],
      ['batch', ['page', 'count', 'calls']],
      ['tx', ['rows', 'audit insert']],
      ['batch', ['after']],
    ]);
  });

  it('orders by the time sent, whatever the order recorded', () => {
    expect(toSteps([at('second', 5, 6), at('first', 0, 1)]).map((s) => s.statements[0]!.text)).toEqual(['first', 'second']);
  });
});
