import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package loaded the first time it is used, not when the server starts: for packages
 * that cost the server megabytes of resident memory (an HTML sanitiser with its parser, the common
 * passwords list) but serve only some writes, which a process may never see. The idle server is held
 * to a memory target (BENCHMARKS.md); a synchronous caller keeps its synchronous signature.
 */
export function lazyRequire<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}
