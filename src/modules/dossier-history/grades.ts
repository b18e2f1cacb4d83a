import type { DbOrTx } from '../../db/client.ts';
import type { CallLevel, Grade } from '../../shared/domain.ts';

/** One year's evaluation grade of a space, as the evaluation module releases it. */
export interface GradeEntry {
  year: number;
  grade: Grade;
  /** The level that graded it: a space filed at several levels may be graded by each. */
  level: CallLevel;
  /** The score it was graded on; null for a space graded without one (应评未评). */
  total: number | null;
  /** Why, as released ("得分58分，低于合格分数线60分，评为不合格"); null when none was recorded. */
  reason: string | null;
  /** The published list that released it: the grade dates from the day the list was issued. */
  list: { title: string; documentNumber: string; issuedOn: string };
  link: string | null;
}

export type GradeProvider = (db: DbOrTx, spaceId: string) => Promise<GradeEntry[]>;

/**
 * The grades of a space come from the evaluation module, which this module may not import (the
 * evaluation raises revocation proposals, so it sits above revocation): the app layer registers its
 * read at wiring. Until one is registered the timeline's grades are empty.
 */
let provider: GradeProvider | null = null;

export function registerGradeProvider(read: GradeProvider): void {
  provider = read;
}

export const gradesOf = (db: DbOrTx, spaceId: string): Promise<GradeEntry[]> => (provider ? provider(db, spaceId) : Promise.resolve([]));
