import { describe, expect, it } from 'vitest';
import { containsPattern } from './search.ts';

describe('containsPattern', () => {
  it('wraps plain text in wildcards', () => {
    expect(containsPattern('许昌')).toBe('%许昌%');
  });

  it('escapes the characters LIKE treats specially', () => {
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});
