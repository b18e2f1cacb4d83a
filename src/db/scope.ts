import { AsyncLocalStorage } from 'node:async_hooks';

/** The region path of the national root: every region lies below it. */
export const ROOT_REGION_PATH = '000000';

/**
 * The PostgreSQL session setting the row-level security policies read (see the `pg_region_scope`
 * migration). A connection without it sees no row of a region-scoped table.
 */
export const REGION_SCOPE_SETTING = 'hatchery.region_path';

/** Mutable so a request can narrow its scope once it knows who is asking (after authentication). */
export interface RegionScope {
  regionPath: string;
}

const scopes = new AsyncLocalStorage<RegionScope>();

/** Runs `work` (and everything it starts) in its own scope, initially the whole country. */
export function runInRegionScope<T>(work: () => T): T {
  return scopes.run({ regionPath: ROOT_REGION_PATH }, work);
}

/** The scope of the caller's request, if it runs inside one. */
export function currentRegionScope(): RegionScope | undefined {
  return scopes.getStore();
}

const anyScope = new AsyncLocalStorage<boolean>();

/**
 * Runs `work`, whose statements read and write no region-scoped table (the row-level security
 * policies cover spaces and expert profiles only), on a connection in whatever scope it holds.
 * The session lookup of every signed-in request runs before the request's scope narrows to the
 * actor's jurisdiction: in the request's scope, a pooled connection would switch to the whole
 * country for it and back for the handler's statements, two round trips per request. `work` must
 * send its statements itself (await them, or call `.execute()`): a Drizzle query returned unawaited
 * runs when the caller awaits it, in the caller's scope.
 */
export function runInAnyRegionScope<T>(work: () => T): T {
  return anyScope.run(true, work);
}

/**
 * The region path the database should scope rows to right now, or null when any will do
 * (`runInAnyRegionScope`). Outside a request (jobs, the CLI, start-up) the whole country: those
 * callers do their object-level checks in the application.
 */
export function currentRegionPath(): string | null {
  if (anyScope.getStore()) return null;
  return scopes.getStore()?.regionPath ?? ROOT_REGION_PATH;
}
