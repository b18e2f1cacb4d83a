import { describe, expect, it } from 'vitest';
import { containsPattern, trigramIndexable } from './search.ts';

describe('containsPattern', () => {
  it('wraps plain text in wildcards', () => {
    expect(containsPattern('许昌')).toBe('%许昌%');
  });

  it('escapes the characters LIKE treats specially', () => {
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});

describe('trigramIndexable', () => {
  it('needs a run of three letters or digits, as pg_trgm reads them', () => {
    expect(trigramIndexable('创业路演')).toBe(true);
    expect(trigramIndexable('AI 沙龙 2026')).toBe(true);
    expect(trigramIndexable('路演')).toBe(false);
    expect(trigramIndexable('路')).toBe(false);
    expect(trigramIndexable('路演 沙龙')).toBe(false);
    expect(trigramIndexable('100%')).toBe(true);
    expect(trigramIndexable('%_')).toBe(false);
  });
});
