import { describe, expect, it } from 'vitest';
import { CATALOGUE_2026 } from './catalogue-2026.ts';
import { INDICATOR_UNITS, NUMERIC_TYPES } from './catalogue-types.ts';
import { evaluateReturn, toDisplay, toStored, unexplained, type CheckInput, type ReturnValues } from './rules.ts';

/** A return every check accepts (money in 元). */
const GOOD: Record<string, number | string | string[]> = {
  operator_name: '许昌创新工场运营有限公司',
  total_area: 2000,
  workstations: 120,
  workstation_area: 1000,
  public_area: 600,
  shared_equipment_value: 800_000,
  service_staff: 12,
  mentors: 10,
  mentors_fulltime: 4,
  mentors_parttime: 6,
  total_income: 5_000_000,
  income_services: 2_000_000,
  income_subsidy: 1_000_000,
  income_rent: 1_500_000,
  income_investment: 500_000,
  operating_cost: 4_000_000,
  tax_relief: 100_000,
  teams_served: 30,
  team_members: 120,
  startups_served: 20,
  startup_jobs: 300,
  startup_jobs_graduates: 60,
  founders_student: 15,
  founders_researcher: 10,
  founders_returnee: 3,
  founders_executive: 2,
  founders_foreign: 1,
  founders_serial: 5,
  agreements: 40,
  new_registered: 12,
  valid_ip: 50,
  invention_patents: 8,
  listed_companies: 1,
  invested_count: 6,
  investment_total: 20_000_000,
  investment_social: 15_000_000,
  investment_own: 2_000_000,
  angel_fund_size: 10_000_000,
  service_types: ['workspace', 'mentoring'],
  activities: 24,
  trainings: 12,
  international_projects: 0,
};

const check = (patch: Record<string, number | undefined>, extra: Omit<CheckInput, 'values'> = {}) =>
  evaluateReturn(CATALOGUE_2026, { values: { ...GOOD, ...patch } as ReturnValues, ...extra });
const rulesOf = (findings: ReturnType<typeof check>) => findings.map((f) => `${f.rule} ${f.severity} ${f.fields[0]}`);

describe('the 2026 catalogue', () => {
  it('has unique codes, known units, totals that exist and rules naming known indicators', () => {
    const codes = CATALOGUE_2026.indicators.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    const groups = new Set(CATALOGUE_2026.groups.map((g) => g.key));
    for (const i of CATALOGUE_2026.indicators) {
      expect(groups.has(i.group), i.code).toBe(true);
      if (NUMERIC_TYPES.includes(i.type)) expect(INDICATOR_UNITS, i.code).toContain(i.unit);
      else expect(i.unit, i.code).toBeNull();
      if (i.parent) expect(codes, i.code).toContain(i.parent);
      if (i.type === 'money') expect(i.unit).toBe('千元');
    }
    expect(check({})).toEqual([]);
  });

  it('enters and shows money in 千元 and stores integer 元', () => {
    const money = { type: 'money' as const };
    expect(toStored(money, 12.345)).toBe(12_345);
    expect(toDisplay(money, 12_345)).toBe(12.345);
    expect(toStored({ type: 'integer' }, 7)).toBe(7);
  });
});

describe('R1 unit slips (warning)', () => {
  it('flags ≥ 1000× last year, not 999×', () => {
    const previous = { ...GOOD, tax_relief: 100 } as ReturnValues;
    expect(rulesOf(check({ tax_relief: 100_000 }, { previous }))).toContain('R1 warning tax_relief');
    expect(rulesOf(check({ tax_relief: 99_900 }, { previous })).filter((r) => r.startsWith('R1'))).toEqual([]);
  });
  it('flags about a tenth (typed in 万元) between 0.08 and 0.125 of last year', () => {
    const previous = { ...GOOD, operating_cost: 1_000_000 } as ReturnValues;
    expect(rulesOf(check({ operating_cost: 80_000 }, { previous }))).toContain('R1 warning operating_cost');
    expect(rulesOf(check({ operating_cost: 125_000 }, { previous }))).toContain('R1 warning operating_cost');
    expect(rulesOf(check({ operating_cost: 79_000 }, { previous })).filter((r) => r.startsWith('R1'))).toEqual([]);
    expect(rulesOf(check({ operating_cost: 126_000 }, { previous })).filter((r) => r.startsWith('R1'))).toEqual([]);
  });
  it('falls back on the peer median for a first return', () => {
    expect(rulesOf(check({ tax_relief: 100_000 }, { peerMedians: { tax_relief: 100 } }))).toContain('R1 warning tax_relief');
  });
});

describe('R2 team members and teams', () => {
  it('persons ≥ teams (error at teams + 1)', () => {
    expect(rulesOf(check({ teams_served: 30, team_members: 30 }))).toEqual([]);
    expect(rulesOf(check({ teams_served: 30, team_members: 29 }))).toContain('R2 error teams_served');
  });
  it('teams > 0 ⇒ persons > 0', () => {
    expect(rulesOf(check({ teams_served: 0, team_members: 0, founders_student: 0, founders_researcher: 0, founders_returnee: 0, founders_executive: 0, founders_foreign: 0, founders_serial: 0 }))).toEqual([]);
    expect(rulesOf(check({ teams_served: 1, team_members: 0 }))).toContain('R2 error team_members');
  });
  it('warns above 20 persons per team, not at 20', () => {
    expect(rulesOf(check({ teams_served: 30, team_members: 600 }))).toEqual([]);
    expect(rulesOf(check({ teams_served: 30, team_members: 601 }))).toEqual(['R2 warning team_members']);
  });
});

describe('R3 startups and jobs', () => {
  it('startups > 0 ⇒ jobs ≥ 1', () => {
    expect(rulesOf(check({ startups_served: 20, startup_jobs: 0, startup_jobs_graduates: 0 }))).toContain('R3 error startup_jobs');
    expect(rulesOf(check({ startups_served: 20, startup_jobs: 1, startup_jobs_graduates: 0 }))).toEqual([]);
  });
  it('warns above 200 jobs per startup', () => {
    expect(rulesOf(check({ startups_served: 1, startup_jobs: 200, new_registered: 10, invested_count: 5 }))).toEqual([]);
    expect(rulesOf(check({ startups_served: 1, startup_jobs: 201, new_registered: 10, invested_count: 5 }))).toEqual(['R3 warning startup_jobs']);
  });
});

describe('R4 其中 items', () => {
  it('each part ≤ its total', () => {
    expect(rulesOf(check({ valid_ip: 8, invention_patents: 8 }))).toEqual([]);
    expect(rulesOf(check({ valid_ip: 8, invention_patents: 9 }))).toEqual(['R4 error invention_patents']);
  });
  it("the parts' sum ≤ the total", () => {
    expect(rulesOf(check({ mentors: 10, mentors_fulltime: 5, mentors_parttime: 5 }))).toEqual([]);
    expect(rulesOf(check({ mentors: 10, mentors_fulltime: 5, mentors_parttime: 6 }))).toEqual(['R4 error mentors']);
  });
});

describe('R5 investment', () => {
  it('invested count ≤ teams + startups', () => {
    expect(rulesOf(check({ invested_count: 50 }))).toEqual([]);
    expect(rulesOf(check({ invested_count: 51 }))).toContain('R5 error invested_count');
  });
  it('amount > 0 ⇔ count > 0', () => {
    expect(rulesOf(check({ invested_count: 0 }))).toContain('R5 error invested_count');
    expect(rulesOf(check({ investment_total: 0, investment_social: 0, investment_own: 0 }))).toContain('R5 error investment_total');
    expect(rulesOf(check({ invested_count: 0, investment_total: 0, investment_social: 0, investment_own: 0, new_registered: 10 })).filter((r) => r.startsWith('R5'))).toEqual([]);
  });
});

describe('R6 founder types (overlapping, no sum rule)', () => {
  it('each type ≤ teams + startups', () => {
    expect(rulesOf(check({ founders_student: 50, founders_researcher: 50 }))).toEqual([]);
    expect(rulesOf(check({ founders_serial: 51 }))).toEqual(['R6 error founders_serial']);
  });
});

describe('R7 new enterprises', () => {
  it('≤ teams + startups', () => {
    expect(rulesOf(check({ new_registered: 50 }))).toEqual([]);
    expect(rulesOf(check({ new_registered: 51 }))).toEqual(['R7 error new_registered']);
  });
});

describe('R8 areas', () => {
  it('total ≥ public area', () => {
    expect(rulesOf(check({ public_area: 2000, workstation_area: 0 }))).toEqual([]);
    expect(rulesOf(check({ public_area: 2001 }))).toContain('R8 error public_area');
  });
  it('workstations + public ≥ 75 % for national spaces only (warning)', () => {
    expect(rulesOf(check({ workstation_area: 900, public_area: 600 }, { spaceLevel: 'national' }))).toEqual([]);
    expect(rulesOf(check({ workstation_area: 899, public_area: 600 }, { spaceLevel: 'national' }))).toEqual(['R8 warning workstation_area']);
    expect(rulesOf(check({ workstation_area: 899, public_area: 600 }, { spaceLevel: 'province' }))).toEqual([]);
  });
});

describe('R9 counts are non-negative integers', () => {
  it('refuses negatives, fractions of counts and missing figures; 0 and decimals of area pass', () => {
    expect(rulesOf(check({ listed_companies: 0, total_area: 2000.5 }))).toEqual([]);
    expect(rulesOf(check({ listed_companies: -1 }))).toEqual(['R9 error listed_companies']);
    expect(rulesOf(check({ listed_companies: 1.5 }))).toEqual(['R9 error listed_companies']);
    expect(rulesOf(check({ listed_companies: undefined }))).toEqual(['R9 error listed_companies']);
    expect(rulesOf(check({ tax_relief: 100_000.5 }))).toEqual(['R9 error tax_relief']);
  });

  it('lets an optional figure (the service platform\'s hours, orders, sessions) stay blank, but not be negative or a fraction', () => {
    expect(rulesOf(check({ shared_equipment_hours: undefined, service_orders: undefined, mentor_sessions: undefined }))).toEqual([]);
    expect(rulesOf(check({ shared_equipment_hours: 120, service_orders: 0, mentor_sessions: 36 }))).toEqual([]);
    expect(rulesOf(check({ shared_equipment_hours: -1 }))).toEqual(['R9 error shared_equipment_hours']);
    expect(rulesOf(check({ mentor_sessions: 2.5 }))).toEqual(['R9 error mentor_sessions']);
  });
});

describe('R10 key indicators moving more than ±50 %', () => {
  it('warns beyond ±50 %, not at it', () => {
    const previous = { ...GOOD, activities: 20 } as ReturnValues;
    expect(rulesOf(check({ activities: 30 }, { previous }))).toEqual([]);
    expect(rulesOf(check({ activities: 10 }, { previous }))).toEqual([]);
    expect(rulesOf(check({ activities: 31 }, { previous }))).toEqual(['R10 warning activities']);
    expect(rulesOf(check({ activities: 9, new_registered: 10 }, { previous }))).toContain('R10 warning activities');
  });
});

describe('R11 filing floors (info, never blocking)', () => {
  it('shows a floor missed by one and not one met', () => {
    expect(rulesOf(check({ activities: 10 }))).toEqual([]);
    expect(rulesOf(check({ activities: 9 }))).toEqual(['R11 info activities']);
    expect(rulesOf(check({ mentors: 2, mentors_fulltime: 1, mentors_parttime: 1 }))).toEqual(['R11 info mentors']);
    expect(rulesOf(check({ agreements: 19 }))).toEqual(['R11 info agreements']);
    expect(rulesOf(check({ new_registered: 9, invested_count: 5 }))).toEqual([]);
    expect(rulesOf(check({ new_registered: 9, invested_count: 4 }))).toEqual(['R11 info new_registered']);
    expect(unexplained(check({ activities: 9 }), {})).toEqual([]);
  });
});

describe('R12 the platform disagrees', () => {
  it('asks for a note when a prefilled figure is overridden, not when it is kept', () => {
    expect(rulesOf(check({}, { platform: { teams_served: 30 } }))).toEqual([]);
    const findings = check({}, { platform: { teams_served: 28 } });
    expect(rulesOf(findings)).toEqual(['R12 warning teams_served']);
    expect(unexplained(findings, {})).toHaveLength(1);
    expect(unexplained(findings, { [findings[0]!.key]: '  ' })).toHaveLength(1);
    expect(unexplained(findings, { [findings[0]!.key]: '两个团队未在平台登记入驻' })).toEqual([]);
  });
});
