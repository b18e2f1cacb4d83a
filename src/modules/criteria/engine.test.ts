import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateCondition, type ConditionResult } from './engine.ts';
import { FIELDS, SpaceProfile, type SpaceProfileInput } from './profile.ts';
import type { Condition, RuleSetDefinition } from './rules.ts';
import { loadSeededRuleSets } from './seeded.ts';

const sets = new Map(loadSeededRuleSets().map((s) => [s.id, s]));
const set = (id: string) => sets.get(id)!;

function leaves(conditions: Condition[]): Condition[] {
  return conditions.flatMap((c) => (c.kind === 'all_of' || c.kind === 'any_of' ? leaves(c.conditions) : [c]));
}

function find(results: ConditionResult[], id: string): ConditionResult | undefined {
  for (const r of results) {
    if (r.id === id) return r;
    const inner = r.children && find(r.children, id);
    if (inner) return inner;
  }
  return undefined;
}

function outcomeOf(ruleSet: string, id: string, input: SpaceProfileInput) {
  return find(evaluate(set(ruleSet), SpaceProfile.parse(input)).results, id)!;
}

const ind = (indicators: SpaceProfileInput['indicators']) => ({ indicators });

describe('seeded rule sets', () => {
  it('ships the five rule sets the issue names, all valid', () => {
    expect([...sets.keys()].sort()).toEqual(['jiangsu-2018', 'liaoning-2019', 'national-2016', 'xuchang-2016-professional', 'xuchang-2016-regular']);
  });

  it('liaoning-2019 encodes all nine basic conditions of 002 §二', () => {
    const clauses = new Set(leaves(set('liaoning-2019').conditions).map((c) => c.clause));
    for (const n of ['一', '二', '三', '四', '五', '六', '七', '八', '九']) expect(clauses).toContain(`辽宁指引 二(${n})`);
  });

  it('national-2016 encodes the seven basic conditions of 000 §三', () => {
    expect(set('national-2016').conditions.map((c) => c.clause)).toEqual(
      ['一', '二', '三', '四', '五', '六', '七'].map((n) => `国家指引 三(${n})`),
    );
  });
});

describe('boundaries', () => {
  // [rule set, condition, just below, at, just above] — each as a profile
  const table: [string, string, SpaceProfileInput, SpaceProfileInput, SpaceProfileInput][] = [
    ['liaoning-2019', 'ln-2-5-teams', ind({ teamsInSubField: 14 }), ind({ teamsInSubField: 15 }), ind({ teamsInSubField: 16 })],
    ['liaoning-2019', 'ln-2-5-events', ind({ professionalEventsPerYear: 4 }), ind({ professionalEventsPerYear: 5 }), ind({ professionalEventsPerYear: 6 })],
    ['liaoning-2019', 'ln-2-7-fund', ind({ fundWan: 299 }), ind({ fundWan: 300 }), ind({ fundWan: 300.5 })],
    ['liaoning-2019', 'ln-2-7-fund', ind({ fundWan: 299.99 }), ind({ fundWan: 300 }), ind({ fundWan: 301 })],
    ['liaoning-2019', 'ln-2-6-mentors', ind({ incubatedEnterprises: 16, industryMentors: 1 }), ind({ incubatedEnterprises: 16, industryMentors: 2 }), ind({ incubatedEnterprises: 16, industryMentors: 3 })],
    ['liaoning-2019', 'ln-2-6-mentors', ind({ incubatedEnterprises: 30, industryMentors: 1 }), ind({ incubatedEnterprises: 30, industryMentors: 2 }), ind({ incubatedEnterprises: 29, industryMentors: 2 })],
    ['liaoning-2019', 'ln-2-9-staff', ind({ incubatedEnterprises: 15, incubationStaff: 0 }), ind({ incubatedEnterprises: 15, incubationStaff: 1 }), ind({ incubatedEnterprises: 14, incubationStaff: 1 })],
    ['xuchang-2016-regular', 'xc-5-1-2-college', ind({ staffTotal: 100, staffCollegePlus: 59 }), ind({ staffTotal: 100, staffCollegePlus: 60 }), ind({ staffTotal: 100, staffCollegePlus: 61 })],
    ['xuchang-2016-regular', 'xc-5-1-2-college', ind({ staffTotal: 5, staffCollegePlus: 2 }), ind({ staffTotal: 5, staffCollegePlus: 3 }), ind({ staffTotal: 5, staffCollegePlus: 4 })],
    ['xuchang-2016-regular', 'xc-5-1-3-area', ind({ lowCostSpaceM2: 499 }), ind({ lowCostSpaceM2: 500 }), ind({ lowCostSpaceM2: 501 })],
    ['xuchang-2016-regular', 'xc-5-1-3-lease', ind({ leaseYears: 4 }), ind({ leaseYears: 5 }), ind({ leaseYears: 6 })],
    ['xuchang-2016-regular', 'xc-5-2-1-equipment', ind({ sharedEquipmentValueWan: 19 }), ind({ sharedEquipmentValueWan: 20 }), ind({ sharedEquipmentValueWan: 21 })],
    ['xuchang-2016-regular', 'xc-5-2-1-served', ind({ servedPerYear: 14 }), ind({ servedPerYear: 15 }), ind({ servedPerYear: 16 })],
    ['xuchang-2016-regular', 'xc-5-2-3-served', ind({ servedPerYear: 29 }), ind({ servedPerYear: 30 }), ind({ servedPerYear: 31 })],
    ['xuchang-2016-regular', 'xc-5-2-3-cases', ind({ successfulIncubationCases: 2 }), ind({ successfulIncubationCases: 3 }), ind({ successfulIncubationCases: 4 })],
    ['xuchang-2016-regular', 'xc-5-2-2-managers', ind({ fullTimeInvestmentManagers: 1 }), ind({ fullTimeInvestmentManagers: 2 }), ind({ fullTimeInvestmentManagers: 3 })],
    ['xuchang-2016-professional', 'xc-6-2-1-area', ind({ independentSpaceM2: 499 }), ind({ independentSpaceM2: 500 }), ind({ independentSpaceM2: 501 })],
    ['xuchang-2016-professional', 'xc-6-2-2-served', ind({ servedLast3Years: 19 }), ind({ servedLast3Years: 20 }), ind({ servedLast3Years: 21 })],
    ['xuchang-2016-professional', 'xc-6-2-3-team', ind({ staffTotal: 4 }), ind({ staffTotal: 5 }), ind({ staffTotal: 6 })],
    ['xuchang-2016-professional', 'xc-6-2-3-mentors', ind({ mentors: 2 }), ind({ mentors: 3 }), ind({ mentors: 4 })],
    ['national-2016', 'na-3-5-mentors', ind({ mentors: 0 }), ind({ mentors: 1 }), ind({ mentors: 2 })],
  ];

  it.each(table)('%s %s: fails just below, passes at and above', (rs, id, below, at, above) => {
    const withCategory = (p: SpaceProfileInput): SpaceProfileInput => ({ ...p, space: { category: 'regular', regularType: 'comprehensive' } });
    const applyType = (p: SpaceProfileInput) => (id.startsWith('xc-5-2-1') ? { ...p, space: { category: 'regular' as const, regularType: 'tech_support' as const } } : id.startsWith('xc-5-2-2') ? { ...p, space: { category: 'regular' as const, regularType: 'investment_driven' as const } } : withCategory(p));
    expect(outcomeOf(rs, id, applyType(below)).outcome).toBe('fail');
    expect(outcomeOf(rs, id, applyType(at)).outcome).toBe('pass');
    expect(outcomeOf(rs, id, applyType(above)).outcome).toBe('pass');
  });

  it('explains in Chinese with the clause and the values used', () => {
    expect(outcomeOf('liaoning-2019', 'ln-2-5-teams', ind({ teamsInSubField: 14 })).explanation).toBe(
      '辽宁指引 二(五)：细分领域创业团队或企业数量应不少于15家，申报值14家，不符合',
    );
    expect(outcomeOf('liaoning-2019', 'ln-2-6-mentors', ind({ incubatedEnterprises: 16, industryMentors: 1 })).explanation).toBe(
      '辽宁指引 二(六)：每15家在孵企业至少配备1名行业导师（不足15家按15家计）；在孵企业16家，应不少于2名，申报值1名，不符合',
    );
    expect(outcomeOf('xuchang-2016-regular', 'xc-5-1-2-college', { ...ind({ staffTotal: 10, staffCollegePlus: 6 }), space: { category: 'regular' } }).explanation).toContain('6/10（60%），符合');
  });
});

describe('ratio rounding', () => {
  const cond = (rounding: 'ceil' | 'floor'): Condition => ({
    id: 'r', clause: 'T', kind: 'per_group', field: 'indicators.industryMentors', per: 'indicators.incubatedEnterprises', groupSize: 15, perGroup: 1, rounding,
  });
  const run = (rounding: 'ceil' | 'floor', enterprises: number, mentors: number) =>
    evaluateCondition(cond(rounding), SpaceProfile.parse(ind({ incubatedEnterprises: enterprises, industryMentors: mentors }))).outcome;

  it('counts a partial group as a whole one with ceil (16 enterprises need 2 mentors)', () => {
    expect(run('ceil', 15, 1)).toBe('pass');
    expect(run('ceil', 16, 1)).toBe('fail');
    expect(run('ceil', 16, 2)).toBe('pass');
    expect(run('ceil', 0, 0)).toBe('pass');
  });

  it('ignores a partial group with floor (29 enterprises need 1 mentor)', () => {
    expect(run('floor', 29, 1)).toBe('pass');
    expect(run('floor', 30, 1)).toBe('fail');
    expect(run('floor', 14, 0)).toBe('pass');
  });

  it('the seeded Liaoning ratios round partial groups up, as 002 §二(六),(九) read "每15家…至少1名"', () => {
    const ratios = leaves(set('liaoning-2019').conditions).filter((c) => c.kind === 'per_group');
    expect(ratios.map((c) => (c.kind === 'per_group' ? c.rounding : ''))).toEqual(['ceil', 'ceil']);
  });
});

describe('applicability by category, type and host type', () => {
  it('evaluates only the regular type the space declares', () => {
    const e = evaluate(set('xuchang-2016-regular'), SpaceProfile.parse({ space: { category: 'regular', regularType: 'investment_driven' } }));
    expect(find(e.results, 'xc-5-2-1')!.outcome).toBe('not_applicable');
    expect(find(e.results, 'xc-5-2-2')!.outcome).not.toBe('not_applicable');
    expect(find(e.results, 'xc-5-2-3')!.outcome).toBe('not_applicable');
  });

  it('a condition scoped to host types is skipped for other hosts and not counted', () => {
    const def: RuleSetDefinition = {
      id: 'scoped', title: 't', source: 's',
      conditions: [
        { id: 'a', clause: 'A', kind: 'threshold', field: 'indicators.mentors', op: 'gte', value: 1 },
        { id: 'b', clause: 'B', kind: 'threshold', field: 'indicators.mentors', op: 'gte', value: 99, appliesTo: { hostTypes: ['university'] } },
      ],
    };
    const enterprise = evaluate(def, SpaceProfile.parse({ host: { type: 'leading_enterprise' }, ...ind({ mentors: 2 }) }));
    expect(enterprise.overall).toBe('pass');
    expect(enterprise.counts.not_applicable).toBe(1);
    const university = evaluate(def, SpaceProfile.parse({ host: { type: 'university' }, ...ind({ mentors: 2 }) }));
    expect(university.overall).toBe('fail');
  });
});

describe('missing data, evidence, enum, pattern, count', () => {
  it('reports missing data naming the field rather than failing', () => {
    const r = outcomeOf('liaoning-2019', 'ln-2-7-fund', {});
    expect(r.outcome).toBe('missing_data');
    expect(r.explanation).toBe('辽宁指引 二(七)：投资基金规模未填报');
  });

  it('an evidence item needs review until a reviewer confirms or rejects it', () => {
    expect(outcomeOf('liaoning-2019', 'ln-2-8', {}).outcome).toBe('needs_review');
    expect(outcomeOf('liaoning-2019', 'ln-2-8', { evidence: { ln_host_interaction: 'confirmed' } }).outcome).toBe('pass');
    expect(outcomeOf('liaoning-2019', 'ln-2-8', { evidence: { ln_host_interaction: 'rejected' } }).outcome).toBe('fail');
  });

  it('the professional-space name must read XXX专业化众创空间 (001 §三.1)', () => {
    expect(outcomeOf('jiangsu-2018', 'js-3-1-name', { space: { name: '金陵理工生物医药专业化众创空间' } }).outcome).toBe('pass');
    const bad = outcomeOf('jiangsu-2018', 'js-3-1-name', { space: { name: '金陵理工众创空间' } });
    expect(bad.outcome).toBe('fail');
    expect(bad.explanation).toContain('XXX专业化众创空间');
    expect(outcomeOf('jiangsu-2018', 'js-3-1-name', { space: { name: '专业化众创空间' } }).outcome).toBe('fail');
  });

  it('success cases must number 3 to 5', () => {
    const cases = (n: number) => ({ lists: { successCases: Array.from({ length: n }, (_, i) => ({ title: `案例${i}` })) } });
    expect(outcomeOf('jiangsu-2018', 'js-a3-cases', cases(2)).outcome).toBe('fail');
    expect(outcomeOf('jiangsu-2018', 'js-a3-cases', cases(3)).outcome).toBe('pass');
    expect(outcomeOf('jiangsu-2018', 'js-a3-cases', cases(5)).outcome).toBe('pass');
    expect(outcomeOf('jiangsu-2018', 'js-a3-cases', cases(6)).outcome).toBe('fail');
  });

  it('host type must be one of the listed kinds (003 第六条(一)1)', () => {
    expect(outcomeOf('xuchang-2016-professional', 'xc-6-1-1-type', { host: { type: 'leading_enterprise' } }).outcome).toBe('pass');
    const r = outcomeOf('xuchang-2016-professional', 'xc-6-1-1-type', { host: { type: 'university' } });
    expect(r.outcome).toBe('fail');
    expect(r.explanation).toContain('申报为高校');
  });

  it('any_of passes when one branch passes (owned premises or a lease of 5+ years)', () => {
    expect(outcomeOf('xuchang-2016-regular', 'xc-5-1-3-premises', { facts: { ownsPremises: true } }).outcome).toBe('pass');
    expect(outcomeOf('xuchang-2016-regular', 'xc-5-1-3-premises', { facts: { ownsPremises: false }, ...ind({ leaseYears: 3 }) }).outcome).toBe('fail');
  });

  it('a complete, compliant Liaoning profile passes overall', () => {
    const e = evaluate(
      set('liaoning-2019'),
      SpaceProfile.parse({
        operator: { independentLegalPerson: true, hasManagementSystems: true },
        facts: { onlinePlatform: true },
        indicators: { teamsInSubField: 20, professionalEventsPerYear: 6, incubatedEnterprises: 20, industryMentors: 2, fundWan: 500, incubationStaff: 2 },
        evidence: { ln_host_led: 'confirmed', ln_subfield_focus: 'confirmed', ln_rnd_facilities: 'confirmed', ln_host_interaction: 'confirmed' },
      }),
    );
    expect(e.overall).toBe('pass');
    expect(e.counts.fail + e.counts.missing_data + e.counts.needs_review).toBe(0);
  });
});

describe('properties', () => {
  const numericLeaves = [...sets.values()].flatMap((s) =>
    leaves(s.conditions)
      .filter((c) => c.kind === 'threshold' || c.kind === 'per_group' || c.kind === 'share')
      .map((c) => [s.id, c] as const),
  );
  const profileArb = fc.record({
    indicators: fc.record(
      Object.fromEntries(
        Object.keys(SpaceProfile.shape.indicators.unwrap().shape).map((k) => [k, fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined })]),
      ),
    ),
  });

  it('evaluation is deterministic', () => {
    fc.assert(
      fc.property(profileArb, fc.constantFrom(...sets.keys()), (raw, id) => {
        const p = SpaceProfile.parse(raw);
        expect(evaluate(set(id), p)).toEqual(evaluate(set(id), structuredClone(p)));
      }),
    );
  });

  it('moving a value further in the favourable direction never turns a pass into a fail', () => {
    fc.assert(
      fc.property(profileArb, fc.constantFrom(...numericLeaves), fc.integer({ min: 1, max: 500 }), (raw, [, c], delta) => {
        const p = SpaceProfile.parse(raw);
        if (c.kind === 'threshold' && c.op === 'between') return;
        if (evaluateCondition(c, p).outcome !== 'pass') return;
        const better = structuredClone(p);
        const bump = (field: string, sign: 1 | -1) => {
          const key = field.split('.')[1] as keyof typeof better.indicators;
          const v = better.indicators[key];
          if (v !== undefined) better.indicators[key] = Math.max(0, v + sign * delta);
        };
        if (c.kind === 'threshold') bump(c.field, c.op === 'lte' ? -1 : 1);
        if (c.kind === 'per_group') bump(c.field, 1);
        if (c.kind === 'share') {
          // More qualified staff within the same total: the share only grows.
          const key = c.field.split('.')[1] as keyof typeof better.indicators;
          const whole = better.indicators[c.of.split('.')[1] as keyof typeof better.indicators] ?? 0;
          const v = better.indicators[key];
          if (v !== undefined) better.indicators[key] = Math.min(whole, v + delta);
        }
        expect(evaluateCondition(c, better).outcome).toBe('pass');
      }),
      { numRuns: 300 },
    );
  });
});

describe('documentation', () => {
  it('docs/criteria.md lists every field a condition may name', async () => {
    const fs = await import('node:fs');
    const doc = fs.readFileSync(new URL('../../../docs/criteria.md', import.meta.url), 'utf8');
    const undocumented = Object.keys(FIELDS).filter((f) => !doc.includes(`\`${f}\``));
    expect(undocumented).toEqual([]);
  });
});
