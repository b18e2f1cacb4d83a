import { AsyncLocalStorage } from 'node:async_hooks';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import pg from 'pg';

/** One statement a request sent to the database driver, with when it was sent and answered. */
export interface Captured {
  text: string;
  values: unknown[];
  /** Statements of one transaction share a number; null outside transactions. */
  tx: number | null;
  t0: number;
  t1: number;
}

/**
 * What one request ran, in order: parallel batches (statements sent before the earlier ones were
 * answered, as `Promise.all` does) and transactions (statements run one after another on one
 * connection between BEGIN and COMMIT, which are left out here and added back by whoever replays).
 */
export type Step = { kind: 'batch'; statements: Stmt[] } | { kind: 'tx'; statements: Stmt[] };
export interface Stmt {
  text: string;
  values: unknown[];
}

const capturing = new AsyncLocalStorage<Captured[]>();
let installed = false;

// The region scope the product sets when a pooled connection changes hands is connection state,
// not the request's work (src/db/client.ts); a replay on an owner connection does not need it.
const CONNECTION_STATE = /^select set_config\(/i;
const TX_CONTROL = /^(begin|commit|rollback)\b/i;

function record(list: Captured[] | undefined, text: string, values: unknown, tx: number | null, result: unknown) {
  if (!list || CONNECTION_STATE.test(text) || TX_CONTROL.test(text)) return;
  const entry: Captured = { text, values: Array.isArray(values) ? [...values] : [], tx, t0: performance.now(), t1: Infinity };
  list.push(entry);
  if (result && typeof (result as Promise<unknown>).then === 'function')
    (result as Promise<unknown>).then(
      () => (entry.t1 = performance.now()),
      () => (entry.t1 = performance.now()),
    );
}

/**
 * Wraps both drivers' query methods so that statements sent inside `captureStatements` are
 * recorded; outside it they pass untouched. Installed once per process, by the bench only.
 */
function install() {
  if (installed) return;
  installed = true;
  let nextTx = 1;
  const txOf = new WeakMap<object, number | null>();
  const pgQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [config, values] = args;
    const text = typeof config === 'string' ? config : (config as { text: string }).text;
    if (/^begin\b/i.test(text)) txOf.set(this, nextTx++);
    const result = pgQuery.apply(this, args);
    record(capturing.getStore(), text, Array.isArray(values) ? values : (config as { values?: unknown[] }).values, txOf.get(this) ?? null, result);
    if (/^(commit|rollback)\b/i.test(text)) txOf.set(this, null);
    return result;
  } as typeof pg.Client.prototype.query;

  const pgliteQuery = PGlite.prototype.query;
  PGlite.prototype.query = function (this: PGlite, text: string, values?: unknown[], options?: object) {
    const result = pgliteQuery.call(this, text, values, options);
    record(capturing.getStore(), text, values, null, result);
    return result;
  } as typeof PGlite.prototype.query;
  const pgliteTransaction = PGlite.prototype.transaction;
  PGlite.prototype.transaction = function <T>(this: PGlite, work: (tx: Transaction) => Promise<T>) {
    const id = nextTx++;
    return pgliteTransaction.call(this, (tx: Transaction) => {
      const query = tx.query.bind(tx);
      const recording = Object.create(tx) as Transaction;
      recording.query = ((text: string, values?: unknown[], options?: object) => {
        const result = query(text, values, options);
        record(capturing.getStore(), text, values, id, result);
        return result;
      }) as Transaction['query'];
      return work(recording);
    }) as Promise<T>;
  } as typeof PGlite.prototype.transaction;
}

/** Runs `work` and returns the statements it sent, in the order sent. */
export async function captureStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: Captured[] }> {
  install();
  const statements: Captured[] = [];
  const result = await capturing.run(statements, work);
  return { result, statements };
}

/** Groups captured statements into the steps a replay runs (see `Step`). */
export function toSteps(statements: readonly Captured[]): Step[] {
  const steps: Step[] = [];
  let batchEnd = -Infinity;
  let openTx: number | null = null;
  for (const s of [...statements].sort((a, b) => a.t0 - b.t0)) {
    const stmt = { text: s.text, values: s.values };
    const last = steps.at(-1);
    if (s.tx !== null) {
      if (last?.kind === 'tx' && openTx === s.tx) last.statements.push(stmt);
      else steps.push({ kind: 'tx', statements: [stmt] });
      openTx = s.tx;
      batchEnd = -Infinity;
    } else if (last?.kind === 'batch' && s.t0 < batchEnd) {
      last.statements.push(stmt);
      batchEnd = Math.max(batchEnd, s.t1);
    } else {
      steps.push({ kind: 'batch', statements: [stmt] });
      batchEnd = s.t1;
      openTx = null;
    }
  }
  return steps;
}
