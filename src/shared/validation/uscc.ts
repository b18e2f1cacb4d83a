/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters over a 31-symbol alphabet (no I, O, S, V, Z);
 * weights 3^(i-1) mod 31 over the first 17; check = 31 − (Σ mod 31), where 31 is written `0`.
 * Characters 3–8 are the GB/T 2260 region code (digits).
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export function usccCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i] ?? '');
    if (v < 0) return null;
    sum += v * WEIGHTS[i]!;
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

export function isValidUscc(code: string): boolean {
  if (!SHAPE.test(code)) return false;
  return usccCheckChar(code.slice(0, 17)) === code[17];
}

/** Upper-cases and strips spaces, as people type codes off paper licences. */
export const normaliseUscc = (input: string) => input.replace(/\s+/g, '').toUpperCase();
