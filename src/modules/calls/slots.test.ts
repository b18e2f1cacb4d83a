import { describe, expect, it } from 'vitest';
import { CALL_LEVELS } from './schema.ts';
import { defaultMaterialSlots } from './slots.ts';

describe('default material slots', () => {
  it.each(CALL_LEVELS)('gives a %s call unique keys and the applicant’s credit commitment', (level) => {
    const slots = defaultMaterialSlots(level);
    expect(new Set(slots.map((s) => s.key)).size).toBe(slots.length);
    expect(slots.find((s) => s.key === 'applicant_commitment')).toMatchObject({ name: '申报单位信用承诺书', required: true });
  });

  it('asks a national call for the recommendation letter and requires fund proof above city level', () => {
    expect(defaultMaterialSlots('national').map((s) => s.name)).toContain('推荐函');
    expect(defaultMaterialSlots('city').map((s) => s.name)).not.toContain('推荐函');
    expect(defaultMaterialSlots('city').find((s) => s.key === 'fund_proof')?.required).toBe(false);
    expect(defaultMaterialSlots('province').find((s) => s.key === 'fund_proof')?.required).toBe(true);
  });
});
