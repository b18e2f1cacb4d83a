import { describe, expect, it } from 'vitest';
import { maskPersonal, maskPersonalIn, unmaskedInput } from './masking.ts';

describe('maskPersonal', () => {
  it.each([
    ['mobile', '13812341234', '138****1234'],
    ['mobile as typed', '+86 138-1234-1234', '138****1234'],
    ['landline', '024-83232116', '024-****2116'],
    ['short number', '12345', '*****'],
    ['ID number', '11010519491231002X', '1****************X'],
    ['old ID number', '110105491231002', '1*************2'],
    ['e-mail', 'citizen@example.cn', 'c***@example.cn'],
    ['anything else', '微信 chen2026', '微***'],
    ['empty', '', ''],
  ])('%s', (_kind, value, masked) => {
    expect(maskPersonal(value)).toBe(masked);
  });
});

describe('unmaskedInput', () => {
  it('keeps the stored value when the form sends back its masked form', () => {
    expect(unmaskedInput('138****1234', '13812341234')).toBe('13812341234');
  });

  it('takes anything else as typed', () => {
    expect(unmaskedInput('13900001111', '13812341234')).toBe('13900001111');
    expect(unmaskedInput('139****1234', '13812341234')).toBe('139****1234');
    expect(unmaskedInput('138****1234', undefined)).toBe('138****1234');
    expect(unmaskedInput(undefined, '13812341234')).toBeUndefined();
  });
});

describe('maskPersonalIn', () => {
  it('masks mobiles and ID numbers in free text and leaves ids and longer numbers alone', () => {
    const uuid = '0b6f3c2e-1d4a-4f7b-9c3e-13812341234a';
    expect(maskPersonalIn(`params: 13812341234,11010519491231002X, ${uuid}, 913812341234567`)).toBe(`params: 138****1234,1****************X, ${uuid}, 913812341234567`);
    expect(maskPersonalIn('联系电话13812341234。')).toBe('联系电话138****1234。');
  });
});
