/** The running sealers of this process, each woken when audit rows it did not see yet have committed. */
const sealers = new Set<() => void>();

/** Registers a sealer's wake-up; returns the function that unregisters it. */
export function onAppended(wake: () => void): () => void {
  sealers.add(wake);
  return () => sealers.delete(wake);
}

/** Audit rows have committed in this process: the sealers should run soon (they coalesce). */
export function announceAppended(): void {
  for (const wake of sealers) wake();
}
