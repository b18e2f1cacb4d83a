import { describe, expect, it } from 'vitest';
import { commonPasswords } from './common-passwords.ts';
import { checkPasswordStrength } from './password.ts';

const COMMON = { zh: '这是常见密码，容易被猜中', en: 'this is a common password' };
const problems = (password: string, requireComplexity = true) => checkPasswordStrength(password, { requireComplexity });

describe('password strength', () => {
  it('refuses passwords of a maintained list of at least 10,000', () => {
    expect(commonPasswords().size).toBeGreaterThanOrEqual(10_000);
    expect(commonPasswords().has('sunshine1')).toBe(true);
  });

  it.each(['Qwerty123!', 'QWERTY123', 'qwerty123', 'Password1!', '!!Iloveyou1', 'P@ssw0rd', 'Woaini1314', 'Hatchery@2026'])('refuses %s, whatever its case or edge symbols', (password) => {
    expect(problems(password, false)).toContainEqual(COMMON);
  });

  it.each(['Cedar#Lantern7731', 'Xuchang#Review2026', 'Quiet#River2026', 'Demo@2026'])('accepts %s', (password) => {
    expect(problems(password)).toEqual([]);
  });

  it('still checks length, complexity and the username', () => {
    expect(problems('Ab1!')).toContainEqual({ zh: '密码至少 8 个字符', en: 'at least 8 characters' });
    expect(problems('alllowercaseletters')).toHaveLength(1);
    expect(checkPasswordStrength('Zhang.Wei#2026x', { requireComplexity: true }, { username: 'zhang.wei' })).toEqual([
      { zh: '密码不能包含用户名', en: 'must not contain the username' },
    ]);
  });
});
