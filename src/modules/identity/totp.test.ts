import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, generateTotpSecret, matchTotp, stepOf, totpAt } from './totp.ts';

/** RFC 6238 appendix B, SHA-1: the ASCII seed "12345678901234567890", 8-digit codes cut to our 6. */
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890', 'ascii'));
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it('encodes the RFC seed as the well-known base32 secret', () => {
    expect(RFC_SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode(RFC_SECRET).toString('ascii')).toBe('12345678901234567890');
  });

  it.each(RFC_VECTORS)('at %i s gives the last six digits of %s', (seconds, eightDigits) => {
    expect(totpAt(RFC_SECRET, stepOf(new Date(seconds * 1000)))).toBe(eightDigits.slice(2));
  });

  it('generates 160-bit secrets', () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
  });

  it('accepts one step of clock drift either side and no more', () => {
    const at = new Date(1111111111 * 1000);
    const step = stepOf(at);
    for (const drift of [-1, 0, 1]) expect(matchTotp(RFC_SECRET, totpAt(RFC_SECRET, step + drift), at, null)).toBe(step + drift);
    for (const drift of [-2, 2]) expect(matchTotp(RFC_SECRET, totpAt(RFC_SECRET, step + drift), at, null)).toBeNull();
  });

  it('refuses a code from a step already used, or an earlier one', () => {
    const at = new Date(1111111111 * 1000);
    const step = stepOf(at);
    expect(matchTotp(RFC_SECRET, totpAt(RFC_SECRET, step), at, step)).toBeNull();
    expect(matchTotp(RFC_SECRET, totpAt(RFC_SECRET, step - 1), at, step)).toBeNull();
    expect(matchTotp(RFC_SECRET, totpAt(RFC_SECRET, step + 1), at, step)).toBe(step + 1);
  });

  it('refuses anything but six digits', () => {
    const at = new Date(59_000);
    for (const code of ['', '28708', '2870820', '28708a', ' 287082']) expect(matchTotp(RFC_SECRET, code, at, null)).toBeNull();
  });
});
