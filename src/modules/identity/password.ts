import { hash, verify } from '@node-rs/argon2';
import { isCommonPassword } from './common-passwords.ts';

/** `Algorithm.Argon2id` of @node-rs/argon2 (a const enum, which isolated modules cannot import). */
const ARGON2ID = 2;

const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(plain: string): Promise<string> {
  return hash(plain, ARGON2_OPTIONS);
}

export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}

/** A valid hash of a random secret, used to spend the same time when the username is unknown. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(`decoy-${Math.random()}`);
  return decoyHash;
}

export interface PasswordPolicy {
  requireComplexity: boolean;
}

export interface PasswordProblem {
  zh: string;
  en: string;
}

/** ASVS 6.2: 8–128 characters, common passwords (≥ 49,000, case-insensitive) refused; character classes only when configured (等保). */
export function checkPasswordStrength(
  password: string,
  policy: PasswordPolicy,
  context: { username?: string } = {},
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < 8) problems.push({ zh: '密码至少 8 个字符', en: 'at least 8 characters' });
  if (length > 128) problems.push({ zh: '密码最多 128 个字符', en: 'at most 128 characters' });
  const lower = password.toLowerCase();
  if (isCommonPassword(password)) problems.push({ zh: '这是常见密码，容易被猜中', en: 'this is a common password' });
  if (context.username && lower.includes(context.username.toLowerCase()))
    problems.push({ zh: '密码不能包含用户名', en: 'must not contain the username' });
  if (policy.requireComplexity) {
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
    if (classes < 3)
      problems.push({
        zh: '需包含大写字母、小写字母、数字、符号中的至少三类',
        en: 'use at least three of: upper case, lower case, digits, symbols',
      });
  }
  return problems;
}
