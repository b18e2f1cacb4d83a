/** Mainland mobile numbers: strip +86 / 0086 and separators, then 1[3-9] followed by 9 digits. */
export function normaliseMobile(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/** 138****1234 — the form shown to anyone not permitted to see the full number. */
export function maskMobile(mobile: string): string {
  return mobile.length === 11 ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : '****';
}
