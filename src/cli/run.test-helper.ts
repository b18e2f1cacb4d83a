import { Readable } from 'node:stream';
import { format } from 'node:util';
import { vi } from 'vitest';
import { runCli } from './program.ts';

export interface CliRan {
  code: number;
  out: string;
  err: string;
}

/**
 * `hatchery <args>` in the test's own process, with the environment and stdin given and its console
 * output captured: a cold start of Node, tsx and the app costs seconds of CPU, a command here a
 * fraction of that. `src/cli/cli.test.ts` starts the binary itself too.
 */
export async function runCliInProcess(args: string[], env: Record<string, string | undefined>, stdin = ''): Promise<CliRan> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(`${format(...a)}\n`));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(`${format(...a)}\n`));
  try {
    const code = await runCli(args, { env, stdin: Readable.from([stdin]) });
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
