import { maskMobile, normaliseMobile } from './mobile.ts';

/*
 * Personal data as shown to anyone not permitted to see it in full (SECURITY-CHECKLIST 18):
 * enough to recognise a value one already knows, not enough to contact the person.
 */

const ID_NUMBER = /^(\d{17}[\dXx]|\d{15})$/;
const PHONE_LIKE = /^[0-9+\-() ]+$/;
const EMAIL = /^([^@\s]+)@([^@\s]+)$/;

/** Digits of a phone number other than the first three and the last four become `*`; short numbers are hidden whole. */
function maskDigits(value: string): string {
  const total = value.replace(/\D/g, '').length;
  let seen = 0;
  return value.replace(/\d/g, (d) => {
    seen += 1;
    return total >= 8 && (seen <= 3 || seen > total - 4) ? d : '*';
  });
}

/**
 * One personal value masked by its kind: mobile `138****1234`, landline `024-****2116`, ID number
 * (身份证) `1****************X`, e-mail `c***@example.cn`; anything else keeps its first character.
 */
export function maskPersonal(value: string): string {
  const v = value.trim();
  if (!v) return v;
  const mobile = normaliseMobile(v);
  if (mobile) return maskMobile(mobile);
  if (ID_NUMBER.test(v)) return `${v[0]}${'*'.repeat(v.length - 2)}${v.at(-1)}`;
  if (PHONE_LIKE.test(v)) return maskDigits(v);
  const email = EMAIL.exec(v);
  if (email) return `${email[1]![0]}***@${email[2]}`;
  return `${[...v][0]}***`;
}

/** A stored value unchanged when the input is its masked form: a form that showed masked values saves them back. */
export function unmaskedInput(input: string | undefined, stored: string | undefined): string | undefined {
  return input !== undefined && stored && input.includes('*') && input === maskPersonal(stored) ? stored : input;
}

/** Mobiles and ID numbers standing alone in free text (a log line, a database error); ids and longer digit runs untouched. */
const IN_TEXT = /(?<![\w-])(1[3-9]\d{9}|\d{17}[\dXx])(?![\w-])/g;

export function maskPersonalIn(text: string): string {
  return text.replace(IN_TEXT, (m) => maskPersonal(m));
}
