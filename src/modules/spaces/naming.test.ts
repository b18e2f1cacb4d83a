import { describe, expect, it } from 'vitest';
import { isValidSpaceName } from './naming.ts';

describe('the professional space naming rule (001 §三.1)', () => {
  it.each([
    ['沈阳智能机器人专业化众创空间', true],
    ['金陵理工生物医药专业化众创空间', true],
    ['X专业化众创空间', true],
    ['专业化众创空间', false],
    ['  专业化众创空间', false],
    ['沈阳智能机器人众创空间', false],
    ['沈阳智能机器人专业化众创空间（一期）', false],
    ['沈阳智能机器人专业众创空间', false],
  ])('%s → %s for a professional space', (name, ok) => {
    expect(isValidSpaceName(name, 'professional')).toBe(ok);
  });

  it('leaves regular spaces free to choose', () => {
    expect(isValidSpaceName('长葛创新工场众创空间', 'regular')).toBe(true);
    expect(isValidSpaceName('专业化众创空间', 'regular')).toBe(true);
  });
});
