import { AsyncResource } from 'node:async_hooks';
import type { AppContext } from '../../app-context.ts';
import { flushCheckpoint } from './checkpoint.ts';
import { sealPending } from './service.ts';
import { onAppended } from './wake.ts';

/** Rows other processes (other server instances, another tool) committed are sealed within this. */
const SWEEP_INTERVAL_MS = 10_000;
/**
 * A burst of commits in this process wakes the sealer once per this interval, not once per commit.
 * A run costs its lock and five statements however few rows it seals: at one run per 100 ms, a stream
 * of audited reads on PGlite's one connection spent about a tenth of its statements sealing
 * (BENCHMARKS.md, issue 12). Nobody waits for the seal: verifying seals first.
 */
const WAKE_DELAY_MS = 1000;
/** A refusing chain (AUDIT_CHAIN_BROKEN) is reported once per this interval, not once per wake-up. */
const REPORT_INTERVAL_MS = 60_000;
/** The checkpoint also goes to the log, at most this often while the chain grows. */
const LOG_CHECKPOINT_INTERVAL_MS = 60_000;

export interface Sealer {
  /** Seals now (coalesced with a run in progress); resolves when every row committed before the call is sealed. */
  flush(): Promise<void>;
  /** Stops waking up, then seals what is left and writes the checkpoint. */
  stop(): Promise<void>;
}

/**
 * Runs `sealPending` shortly after audit rows commit in this process (woken after the commit, at most
 * once per `WAKE_DELAY_MS`) and on a slow timer for rows other processes committed: no database
 * notification, whose delivery PostgreSQL serialises across all notifying commits. Runs never overlap
 * within a process; across processes the sealer's advisory lock orders them. Failures are logged,
 * never thrown: the rows wait for the next run.
 */
export async function startSealer(ctx: Pick<AppContext, 'db' | 'config'>): Promise<Sealer> {
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

  let woken: NodeJS.Timeout | undefined;
  // Bound to the context the sealer started in: the wake-up comes from a request's commit, and the
  // run it starts must neither count as that request's statements nor carry its region scope.
  const wake = AsyncResource.bind(() => {
    if (woken) return;
    woken = setTimeout(() => {
      woken = undefined;
      void flush();
    }, WAKE_DELAY_MS);
    woken.unref();
  });
  const stopWaking = onAppended(wake);
  const sweep = setInterval(() => void flush(), SWEEP_INTERVAL_MS);
  sweep.unref();
  await flush();

  return {
    flush,
    async stop() {
      clearInterval(sweep);
      clearTimeout(woken);
      stopWaking();
      await flush();
      await flushCheckpoint(ctx.config.dataDir);
    },
  };
}
