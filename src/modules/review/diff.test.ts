import { describe, expect, it } from 'vitest';
import { diffConsecutive, diffRounds, type RoundSnapshot } from './diff.ts';

const base: RoundSnapshot = {
  round: 1,
  basicInfo: { teamTotal: 12, mentors: 6, builtByEnterprise: { yes: true, name: '甲集团' }, address: '创新路1号' },
  report: { hostOverview: '<p>概况</p>', successCases: [{ title: '案例1', content: '<p>一</p>' }] },
  indicators: { indicators: { teamsInSubField: 14 }, space: { x: 1 } },
  attachments: [
    { slotKey: 'business_licence', fileName: '执照.pdf', sha256: 'aa' },
    { slotKey: 'premises_proof', fileName: '租赁合同.pdf', sha256: 'bb' },
  ],
};

describe('diffRounds', () => {
  it('finds nothing between equal rounds, whatever the key order', () => {
    const same: RoundSnapshot = { ...base, round: 2, basicInfo: { address: '创新路1号', builtByEnterprise: { name: '甲集团', yes: true }, mentors: 6, teamTotal: 12 } };
    expect(diffRounds(base, same)).toEqual({ fromRound: 1, toRound: 2, basicInfo: [], report: [], indicators: [], attachments: [] });
  });

  it('names changed, added and removed fields old → new', () => {
    const next: RoundSnapshot = {
      ...base,
      round: 2,
      basicInfo: { teamTotal: 15, builtByEnterprise: { yes: true, name: '乙集团' }, address: '创新路1号', eventsHeld: 24 },
      report: { hostOverview: '<p>概况（修订）</p>', successCases: [{ title: '案例1', content: '<p>一</p>' }], goalsAndTasks: '<p>目标</p>' },
      indicators: { indicators: { teamsInSubField: 16 }, space: { x: 1 } },
    };
    const d = diffRounds(base, next);
    expect(d.basicInfo).toEqual([
      { field: 'builtByEnterprise', before: { yes: true, name: '甲集团' }, after: { yes: true, name: '乙集团' } },
      { field: 'eventsHeld', before: null, after: 24 },
      { field: 'mentors', before: 6, after: null },
      { field: 'teamTotal', before: 12, after: 15 },
    ]);
    expect(d.report.map((c) => c.field)).toEqual(['goalsAndTasks', 'hostOverview']);
    expect(d.indicators).toEqual([{ field: 'indicators.teamsInSubField', before: 14, after: 16 }]);
  });

  it('lists attachments added and removed by slot and digest (a replaced file is both)', () => {
    const next: RoundSnapshot = {
      ...base,
      round: 2,
      attachments: [
        { slotKey: 'business_licence', fileName: '执照.pdf', sha256: 'aa' },
        { slotKey: 'premises_proof', fileName: '租赁合同（新）.pdf', sha256: 'cc' },
        { slotKey: 'fund_proof', fileName: '基金.pdf', sha256: 'dd' },
      ],
    };
    expect(diffRounds(base, next).attachments).toEqual([
      { slotKey: 'premises_proof', change: 'removed', fileName: '租赁合同.pdf', sha256: 'bb' },
      { slotKey: 'premises_proof', change: 'added', fileName: '租赁合同（新）.pdf', sha256: 'cc' },
      { slotKey: 'fund_proof', change: 'added', fileName: '基金.pdf', sha256: 'dd' },
    ]);
  });

  it('the same file moved to another slot counts as removed from one and added to the other', () => {
    const next: RoundSnapshot = { ...base, round: 2, attachments: [base.attachments[0]!, { ...base.attachments[1]!, slotKey: 'equipment_list' }] };
    expect(diffRounds(base, next).attachments.map((a) => `${a.change}:${a.slotKey}`)).toEqual(['removed:premises_proof', 'added:equipment_list']);
  });
});

describe('diffConsecutive', () => {
  it('diffs each round against the one before, in round order', () => {
    const r2 = { ...base, round: 2, basicInfo: { ...base.basicInfo, teamTotal: 13 } };
    const r3 = { ...r2, round: 3, basicInfo: { ...r2.basicInfo, teamTotal: 14 } };
    const diffs = diffConsecutive([r3, base, r2]);
    expect(diffs.map((d) => [d.fromRound, d.toRound, d.basicInfo[0]?.after])).toEqual([
      [1, 2, 13],
      [2, 3, 14],
    ]);
    expect(diffConsecutive([base])).toEqual([]);
  });
});
