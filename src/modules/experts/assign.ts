import type { KeyIndustry } from '../../shared/domain.ts';

/** An active expert of the pool, with the live assignments they already carry. */
export interface Candidate {
  userId: string;
  name: string;
  fields: readonly KeyIndustry[];
  load: number;
}

/** An application at the expert stage and who is already on it. */
export interface Opening {
  applicationId: string;
  industry: KeyIndustry;
  /** Experts with an assignment row on it, declined ones included: nobody is assigned twice. */
  taken: readonly string[];
  /** Live (not declined) assignments, counting towards the number wanted. */
  live: number;
}

export interface Plan {
  assigned: { applicationId: string; expertUserIds: string[]; outsideField: string[] }[];
  short: { applicationId: string; missing: number }[];
}

/**
 * Fills each application up to `perApplication` live experts, in the order given: experts whose
 * fields include the space's industry first, others only when too few match; among them the least
 * loaded first (the load grows as the plan goes), then by name and id so the plan is repeatable.
 * A conflicted or already-taken expert is never chosen.
 */
export function planAssignments(openings: readonly Opening[], candidates: readonly Candidate[], perApplication: number, conflicted: (expertUserId: string, applicationId: string) => boolean): Plan {
  const load = new Map(candidates.map((c) => [c.userId, c.load]));
  const plan: Plan = { assigned: [], short: [] };
  for (const o of openings) {
    const wanted = perApplication - o.live;
    if (wanted <= 0) continue;
    const matches = (c: Candidate) => c.fields.includes(o.industry);
    const pool = candidates
      .filter((c) => !o.taken.includes(c.userId) && !conflicted(c.userId, o.applicationId))
      .sort((a, b) => Number(matches(b)) - Number(matches(a)) || load.get(a.userId)! - load.get(b.userId)! || a.name.localeCompare(b.name, 'zh-CN') || a.userId.localeCompare(b.userId));
    const chosen = pool.slice(0, wanted);
    for (const c of chosen) load.set(c.userId, load.get(c.userId)! + 1);
    if (chosen.length)
      plan.assigned.push({ applicationId: o.applicationId, expertUserIds: chosen.map((c) => c.userId), outsideField: chosen.filter((c) => !matches(c)).map((c) => c.userId) });
    if (chosen.length < wanted) plan.short.push({ applicationId: o.applicationId, missing: wanted - chosen.length });
  }
  return plan;
}
