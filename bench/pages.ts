import os from 'node:os';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { statementProbe } from '../src/db/client.ts';
import { percentile, round } from './stats.ts';

/** What one page measured in process: its statements, answer size and latencies, with the target met or not. */
export interface PageTiming {
  result: LightMyRequestResponse;
  statements: number;
  kB: number;
  p50: number;
  p95: number;
  targetMet: boolean;
}

/** One measured line of a page bench's table: what was measured, as whom, over what, and how it went. */
export interface MeasuredRow {
  measure: string;
  as: string;
  /** What the measure covers (rows in scope, entries, spaces). */
  size: number | string;
  statements: number | string;
  kB: number | string;
  p50: number;
  p95: number;
  target: number;
  targetMet: boolean;
}

/** A line on stderr while a bench runs. */
export const progress = (line: string) => process.stderr.write(`  · ${line}\n`);

/** One page to time: signed in when `cookie` is given (a bench session's), else as the public. */
export interface TimedPage {
  measure: string;
  path: string;
  cookie?: string | null;
  target: number;
}

/**
 * Times one GET the way every in-process page bench does: one untimed warm-up, one more counting
 * its statements (a non-200 answer stops the bench with its body), then `samples` timed requests.
 * Each request comes from an address of its own (public reads and exports are rate-limited per
 * address), and is awaited inside so it runs within the statement probe (light-my-request
 * dispatches on then). The load average after the run goes into `load`, for the table's footnote.
 */
export async function timePage(app: FastifyInstance, page: TimedPage, samples: number, load: number[]): Promise<PageTiming> {
  const { measure, target } = page;
  let n = 0;
  const get = async () => await app.inject({ method: 'GET', url: page.path, headers: page.cookie ? { cookie: page.cookie } : {}, remoteAddress: `10.250.${(++n >> 8) & 255}.${n & 255}` });
  await get();
  const { result, statements } = await statementProbe.count(get);
  if (result.statusCode !== 200) throw new Error(`${measure}: GET ${page.path} → ${result.statusCode} ${result.body.slice(0, 300)}`);
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    const res = await get();
    latencies.push(performance.now() - t);
    if (res.statusCode !== 200) throw new Error(`${measure}: ${res.statusCode}`);
  }
  load.push(os.loadavg()[0]!);
  const p95 = percentile(latencies, 95);
  return { result, statements, kB: round(result.rawPayload.length / 1024), p50: round(percentile(latencies, 50)), p95: round(p95), targetMet: p95 < target };
}
