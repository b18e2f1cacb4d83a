/**
 * The constraint a failed statement violated when it was a unique violation (SQLSTATE 23505), so a
 * service can answer a race the database caught with the same 409 its own check gives; else null.
 * Drizzle wraps the driver's error (node-postgres or PGlite) in `cause`, so the chain is walked.
 */
export function violatedUniqueConstraint(err: unknown): string | null {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const dbError = e as Error & { code?: string; constraint?: string };
    if (dbError.code === '23505') return dbError.constraint ?? null;
  }
  return null;
}
