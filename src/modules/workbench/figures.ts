/** The headline figures of an authority's jurisdiction: spaces by filing level, this year's applications by state. */
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { CALL_LEVELS, type ApplicationStatus, type CallLevel } from '../../shared/domain.ts';
import { filedSpacesByLevel } from '../filings/index.ts';
import { activeSpacesWithin } from '../spaces/index.ts';
import { submissionsByStatus } from '../workflow/index.ts';
import { can } from './policy.ts';
import { beijingYear } from '../../shared/beijing-time.ts';

export interface Figures {
  year: number;
  regionName: string;
  spaces: { registered: number; byLevel: { level: CallLevel; count: number }[] };
  applications: { total: number; byStatus: { status: ApplicationStatus; count: number }[] };
}

/** Three grouped statements over the region subtree, whatever the number of spaces and applications; null for who sees none. */
export async function jurisdictionFigures(db: Db, actor: Actor, now: Date): Promise<Figures | null> {
  if (!can(actor, 'workbench.figures')) return null;
  const root = actor.jurisdictionPath!;
  const year = beijingYear(now);
  const [registered, filed, byStatus] = await Promise.all([activeSpacesWithin(db, root), filedSpacesByLevel(db, root), submissionsByStatus(db, root, year)]);
  return {
    year,
    regionName: actor.org.regionName,
    spaces: { registered, byLevel: CALL_LEVELS.map((level) => ({ level, count: filed.find((f) => f.level === level)?.count ?? 0 })) },
    applications: { total: byStatus.reduce((n, s) => n + s.count, 0), byStatus: byStatus.filter((s) => s.count > 0) },
  };
}
