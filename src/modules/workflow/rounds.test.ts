import { describe, expect, it } from 'vitest';
import { diffConsecutivePayloads, diffPayloads } from './rounds.ts';

describe('diffPayloads', () => {
  it('finds nothing between equal payloads whatever their key order', () => {
    expect(diffPayloads({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
  });

  it('names changed, added and removed leaves by dotted path, sorted', () => {
    expect(diffPayloads({ items: { name: '甲', host: '乙' }, note: 'x' }, { items: { name: '丙', principal: '丁' }, note: 'x' })).toEqual([
      { field: 'items.host', before: '乙', after: null },
      { field: 'items.name', before: '甲', after: '丙' },
      { field: 'items.principal', before: null, after: '丁' },
    ]);
  });

  it('treats a list as one value', () => {
    expect(diffPayloads({ evidence: ['a.pdf'] }, { evidence: ['a.pdf', 'b.pdf'] })).toEqual([{ field: 'evidence', before: ['a.pdf'], after: ['a.pdf', 'b.pdf'] }]);
  });
});

describe('diffConsecutivePayloads', () => {
  it('diffs each round against the one before, in round order', () => {
    const diffs = diffConsecutivePayloads([
      { round: 3, payload: { v: 3 } },
      { round: 1, payload: { v: 1 } },
      { round: 2, payload: { v: 2 } },
    ]);
    expect(diffs.map((d) => [d.fromRound, d.toRound, d.changes[0]?.after])).toEqual([
      [1, 2, 2],
      [2, 3, 3],
    ]);
    expect(diffConsecutivePayloads([{ round: 1, payload: {} }])).toEqual([]);
  });
});
