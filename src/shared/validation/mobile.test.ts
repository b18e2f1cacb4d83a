import { describe, expect, it } from 'vitest';
import { maskMobile, normaliseMobile } from './mobile.ts';

describe('mainland mobile numbers', () => {
  it.each([
    ['13812341234', '13812341234'],
    ['+8613812341234', '13812341234'],
    ['008613812341234', '13812341234'],
    ['+86 138-1234-1234', '13812341234'],
    ['199 0000 1111', '19900001111'],
  ])('normalises %s', (input, expected) => {
    expect(normaliseMobile(input)).toBe(expected);
  });

  it.each([
    ['second digit 2', '12812341234'],
    ['ten digits', '1381234123'],
    ['twelve digits', '138123412345'],
    ['landline', '02412345678'],
    ['+86 twice', '+86+8613812341234'],
    ['letters', '1381234abcd'],
    ['empty', ''],
  ])('refuses %s', (_why, input) => {
    expect(normaliseMobile(input)).toBeNull();
  });

  it('masks the middle four digits', () => {
    expect(maskMobile('13812341234')).toBe('138****1234');
  });

  it('reveals nothing of a value that is not a normalised number', () => {
    expect(maskMobile('+8613812341234')).toBe('****');
  });
});
