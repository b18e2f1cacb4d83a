const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** An 11-digit mainland mobile number standing alone (not part of a longer run of digits). */
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

/**
 * The mobile numbers a public answer shows, ids left out: a UUID's last group can hold eleven
 * digits in a row and must not pass for a phone number.
 */
export function mobilesIn(text: string): string[] {
  return text.replace(UUID, '').match(new RegExp(MOBILE, 'g')) ?? [];
}
