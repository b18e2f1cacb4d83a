import type { AppContext } from '../../app-context.ts';
import { sealPending } from './service.ts';

/** Channel of the insert trigger's notification (migration 0009). */
const APPENDED_CHANNEL = 'audit_log_appended';
/** Seals even when a notification was missed (connection lost, rows written by another tool). */
const SWEEP_INTERVAL_MS = 10_000;
/** A refusing chain (AUDIT_CHAIN_BROKEN) is reported once per this interval, not once per notification. */
const REPORT_INTERVAL_MS = 60_000;
/** The checkpoint also goes to the log, at most this often while the chain grows. */
const LOG_CHECKPOINT_INTERVAL_MS = 60_000;

export interface Sealer {
  /** Seals now (coalesced with a run in progress); resolves when every row committed before the call is sealed. */
  flush(): Promise<void>;
  /** Stops listening, then seals what is left. */
  stop(): Promise<void>;
}

/**
 * Runs `sealPending` right after audit rows commit (woken by the insert trigger's NOTIFY) and on a
 * slow timer. Runs never overlap within a process; across processes the sealer's advisory lock
 * orders them. Failures are logged, never thrown: the rows wait for the next run.
 */
export async function startSealer(ctx: Pick<AppContext, 'db' | 'config' | 'database'>): Promise<Sealer> {
  const logs = !['silent', 'fatal'].includes(ctx.config.logLevel);
  const logsInfo = ['info', 'debug', 'trace'].includes(ctx.config.logLevel);
  let running: Promise<void> | undefined;
  let again = false;
  let lastReport = { message: '', at: 0 };
  let lastCheckpointLog = 0;

  const sealOnce = async () => {
    try {
      const { sealed, head } = await sealPending(ctx);
      if (sealed && head && logsInfo && Date.now() - lastCheckpointLog >= LOG_CHECKPOINT_INTERVAL_MS) {
        lastCheckpointLog = Date.now();
        console.info(JSON.stringify({ msg: 'audit checkpoint', rows: head.rows, hash: head.hash, at: head.at }));
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (logs && (message !== lastReport.message || Date.now() - lastReport.at >= REPORT_INTERVAL_MS)) {
        lastReport = { message, at: Date.now() };
        console.error(`审计日志封存失败 / audit sealing failed: ${message}`);
      }
    }
  };

  const flush = (): Promise<void> => {
    if (running) {
      // Rows committed during this run may have been missed by it: one more run after it.
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await sealOnce();
      } while (again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  const unlisten = await ctx.database.listen(APPENDED_CHANNEL, () => void flush());
  const sweep = setInterval(() => void flush(), SWEEP_INTERVAL_MS);
  sweep.unref();
  await flush();

  return {
    flush,
    async stop() {
      clearInterval(sweep);
      await unlisten();
      await flush();
    },
  };
}
