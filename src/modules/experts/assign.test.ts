import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KEY_INDUSTRIES } from '../../shared/domain.ts';
import { planAssignments, type Candidate, type Opening } from './assign.ts';

const cand = (userId: string, fields: Candidate['fields'], load = 0): Candidate => ({ userId, name: userId, fields, load });
const open = (applicationId: string, industry: Opening['industry'], taken: string[] = [], live = taken.length): Opening => ({ applicationId, industry, taken, live });
const never = () => false;

describe('planAssignments', () => {
  it('prefers the field, then the least loaded, then the name', () => {
    const plan = planAssignments([open('a1', 'biotechnology')], [cand('e4', ['biotechnology'], 2), cand('e3', ['new_energy'], 0), cand('e2', ['biotechnology'], 1), cand('e1', ['biotechnology'], 1)], 3, never);
    expect(plan.assigned).toEqual([{ applicationId: 'a1', expertUserIds: ['e1', 'e2', 'e4'], outsideField: [] }]);
    expect(plan.short).toEqual([]);
  });

  it('falls back to other fields only when too few match, and says so', () => {
    const plan = planAssignments([open('a1', 'biotechnology')], [cand('e1', ['biotechnology']), cand('e2', ['new_energy']), cand('e3', ['new_energy'], 5)], 2, never);
    expect(plan.assigned).toEqual([{ applicationId: 'a1', expertUserIds: ['e1', 'e2'], outsideField: ['e2'] }]);
  });

  it('balances the load across applications as it goes', () => {
    const experts = [cand('e1', ['biotechnology']), cand('e2', ['biotechnology']), cand('e3', ['biotechnology']), cand('e4', ['biotechnology'])];
    const plan = planAssignments([open('a1', 'biotechnology'), open('a2', 'biotechnology')], experts, 2, never);
    expect(plan.assigned.map((a) => a.expertUserIds)).toEqual([
      ['e1', 'e2'],
      ['e3', 'e4'],
    ]);
  });

  it('tops up to the number wanted, skips taken and conflicted experts, and reports shortfalls', () => {
    const plan = planAssignments(
      [open('a1', 'biotechnology', ['e1', 'e2'], 1), open('a2', 'biotechnology', [], 0)],
      [cand('e1', ['biotechnology']), cand('e2', ['biotechnology']), cand('e3', ['biotechnology'])],
      3,
      (e, a) => e === 'e3' && a === 'a1',
    );
    expect(plan.assigned).toEqual([{ applicationId: 'a2', expertUserIds: ['e1', 'e2', 'e3'], outsideField: [] }]);
    expect(plan.short).toEqual([{ applicationId: 'a1', missing: 2 }]);
  });

  it('never assigns a conflicted or taken expert, never twice, never beyond the number wanted (property)', () => {
    const industry = fc.constantFrom(...KEY_INDUSTRIES);
    const expertIds = Array.from({ length: 8 }, (_, i) => `e${i}`);
    const appIds = Array.from({ length: 6 }, (_, i) => `a${i}`);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...expertIds), { maxLength: 8 }).chain((ids) =>
          fc.tuple(
            fc.constant(ids),
            fc.array(fc.tuple(fc.uniqueArray(industry, { minLength: 1, maxLength: 3 }), fc.nat(5)), { minLength: ids.length, maxLength: ids.length }),
          ),
        ),
        fc.uniqueArray(fc.constantFrom(...appIds), { minLength: 1, maxLength: 6 }).chain((ids) =>
          fc.tuple(fc.constant(ids), fc.array(fc.tuple(industry, fc.subarray(expertIds), fc.nat(3)), { minLength: ids.length, maxLength: ids.length })),
        ),
        fc.integer({ min: 1, max: 9 }),
        fc.array(fc.tuple(fc.constantFrom(...expertIds), fc.constantFrom(...appIds))),
        ([ids, attrs], [apps, appAttrs], perApplication, conflictPairs) => {
          const candidates = ids.map((id, i) => cand(id, attrs[i]![0], attrs[i]![1]));
          const openings = apps.map((id, i) => {
            const [ind, taken, liveCap] = appAttrs[i]!;
            return open(id, ind, taken, Math.min(liveCap, taken.length));
          });
          const conflicted = (e: string, a: string) => conflictPairs.some(([ce, ca]) => ce === e && ca === a);
          const plan = planAssignments(openings, candidates, perApplication, conflicted);
          const byApp = new Map(openings.map((o) => [o.applicationId, o]));
          for (const a of plan.assigned) {
            const o = byApp.get(a.applicationId)!;
            expect(new Set(a.expertUserIds).size).toBe(a.expertUserIds.length);
            expect(o.live + a.expertUserIds.length).toBeLessThanOrEqual(perApplication);
            for (const e of a.expertUserIds) {
              expect(conflicted(e, a.applicationId)).toBe(false);
              expect(o.taken).not.toContain(e);
              expect(ids).toContain(e);
            }
          }
          // Short means truly nobody else was eligible.
          for (const s of plan.short) {
            const o = byApp.get(s.applicationId)!;
            const got = plan.assigned.find((a) => a.applicationId === s.applicationId)?.expertUserIds.length ?? 0;
            expect(o.live + got + s.missing).toBe(perApplication);
            const eligible = ids.filter((e) => !o.taken.includes(e) && !conflicted(e, o.applicationId));
            expect(got).toBe(eligible.length);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
