import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidUscc, normaliseUscc, USCC_ALPHABET, usccCheckChar } from './uscc.ts';

/** Codes of well-known companies, as printed on their business licences. */
const PUBLISHED = ['914403001922038216', '91440300708461136T', '91110000600037341L', '91330100716105852F', '9144030071526726XG', '91110108551385082Q'];

/**
 * Real-format codes built for the edge cases: the check character is `0` (Σ mod 31 = 0, where the
 * formula gives 31) and the registration authority is `Y` (其他) rather than a digit.
 */
const CHECK_ZERO = ['91320506MA1MXK7AN0', '91110105MA01RJ8CM0'];
const STARTS_WITH_LETTER = ['Y1410100MA9G5K3DE0', 'Y2440300MA5FWQ3L70', 'Y1410100MA9G5K30X1'];

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it.each([...PUBLISHED, ...CHECK_ZERO, ...STARTS_WITH_LETTER])('accepts %s', (code) => {
    expect(isValidUscc(code)).toBe(true);
  });

  it('writes a check value of 31 as 0', () => {
    for (const code of CHECK_ZERO) expect(usccCheckChar(code.slice(0, 17))).toBe('0');
  });

  it.each([
    ['wrong check character', '914403001922038217'],
    ['17 characters', '91440300192203821'],
    ['19 characters', '9144030019220382160'],
    ['letter I, not in the alphabet', '9144030019220382I6'],
    ['letter O, not in the alphabet', '91440300192203821O'],
    ['lower case (normalise first)', '91440300708461136t'],
    ['letter in the region code', '9144A300192203821X'],
    ['empty', ''],
  ])('refuses a code with %s', (_why, code) => {
    expect(isValidUscc(code)).toBe(false);
  });

  it('normalises what people type off a paper licence', () => {
    expect(normaliseUscc(' 9144 0300 7084 6113 6t ')).toBe('91440300708461136T');
    expect(isValidUscc(normaliseUscc('91440300708461136t'))).toBe(true);
  });
});

const symbol = fc.constantFrom(...USCC_ALPHABET);
const digit = fc.constantFrom(...'0123456789');

/** Any code of the right shape with the right check character. */
const validCode = fc
  .tuple(fc.array(symbol, { minLength: 2, maxLength: 2 }), fc.array(digit, { minLength: 6, maxLength: 6 }), fc.array(symbol, { minLength: 9, maxLength: 9 }))
  .map(([head, region, body]) => {
    const first17 = [...head, ...region, ...body].join('');
    return `${first17}${usccCheckChar(first17)}`;
  });

describe('USCC check character (properties)', () => {
  it('every generated code is valid', () => {
    fc.assert(fc.property(validCode, (code) => isValidUscc(code)));
  });

  it('refuses any single-character change', () => {
    fc.assert(
      fc.property(validCode, fc.nat(17), symbol, (code, i, replacement) => {
        fc.pre(code[i] !== replacement);
        const changed = `${code.slice(0, i)}${replacement}${code.slice(i + 1)}`;
        return !isValidUscc(changed);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses any swap of two different adjacent characters', () => {
    fc.assert(
      fc.property(validCode, fc.nat(16), (code, i) => {
        fc.pre(code[i] !== code[i + 1]);
        const swapped = `${code.slice(0, i)}${code[i + 1]}${code[i]}${code.slice(i + 2)}`;
        return !isValidUscc(swapped);
      }),
      { numRuns: 2000 },
    );
  });
});
