import type * as ZxcvbnCommon from '@zxcvbn-ts/language-common';
import { lazyRequire } from '../../shared/lazy-require.ts';

const zxcvbnCommon = lazyRequire<typeof ZxcvbnCommon>('@zxcvbn-ts/language-common');

/**
 * Passwords the maintained list lacks: what users of a Chinese government platform reach for
 * (pinyin, local brands), the platform's own name, and digit runs that zxcvbn leaves out of its list
 * because its pattern matchers catch them (we only compare against the list).
 */
const LOCAL = [
  '121212', '12341234', '520520', '521521', '654321', '87654321', '888888', '88888888', 'abcdefg',
  'abcdefgh', 'admin@123', 'baidu123', 'hatchery', 'hatchery123', 'hatchery@123', 'hatchery@2026',
  'huawei123', 'li123456', 'p@ssw0rd123', 'password@1', 'password@123', 'qwerty@123', 'root123',
  'taobao123', 'test@123', 'wang123', 'woaini1314', 'woaini520', 'zhang123',
];

let common: ReadonlySet<string> | undefined;
/**
 * Common passwords refused at set time, lower-cased: the ~49,000 of zxcvbn-ts's common list
 * (@zxcvbn-ts/language-common, drawn from breach corpora and kept up to date there) and the local ones.
 * Built the first time a password is set: the package is about 13 MiB the idle server does not hold.
 */
export function commonPasswords(): ReadonlySet<string> {
  return (common ??= new Set([...zxcvbnCommon().dictionary['passwords-common'], ...LOCAL].map((p) => p.toLowerCase())));
}

/** Leading and trailing symbols: the "!" tacked onto a listed password to pass a complexity rule. */
const EDGE_SYMBOLS = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/** Whether the password is on the list, case-insensitively, also once stripped of edge symbols ("Qwerty123!"). */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const list = commonPasswords();
  return list.has(lower) || list.has(lower.replace(EDGE_SYMBOLS, ''));
}
