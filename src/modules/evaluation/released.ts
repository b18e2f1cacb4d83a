import type { Tx } from '../../db/client.ts';

/** Grades just published for these spaces and year, in the release's transaction. */
export type GradesReleasedListener = (tx: Tx, released: { spaceIds: string[]; year: number }) => Promise<void>;

const listeners: GradesReleasedListener[] = [];

/**
 * Registers what follows a published grade (the revocation proposals of dynamic management read
 * the grades the moment they are published). Registered at the app's module wiring
 * (src/modules/index.ts), so evaluation depends on no module that reads its grades.
 */
export function onGradesReleased(listener: GradesReleasedListener): void {
  if (!listeners.includes(listener)) listeners.push(listener);
}

/** Runs every registered listener, in order, inside the release's transaction: a failure undoes the release. */
export async function gradesReleasedInTx(tx: Tx, released: { spaceIds: string[]; year: number }): Promise<void> {
  for (const listener of listeners) await listener(tx, released);
}
