import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { advanceCheckpoint, checkpointFile, dropCheckpoint, flushCheckpoint, readCheckpoint } from './checkpoint.ts';

/** The checkpoint outside the database is written off the event loop, at most once a second, never lost at a flush. */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hatchery-checkpoint-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const onDisk = () => (fs.existsSync(checkpointFile(dataDir)) ? JSON.parse(fs.readFileSync(checkpointFile(dataDir), 'utf8')) : undefined);
const head = (rows: number) => ({ rows, hash: `h${rows}`, at: new Date().toISOString() });

describe('audit checkpoint file', () => {
  it('is seen at once in this process, written within about a second (the last one taken), and never moved back', async () => {
    advanceCheckpoint(dataDir, head(1));
    advanceCheckpoint(dataDir, head(2));
    advanceCheckpoint(dataDir, head(3));
    expect(readCheckpoint(dataDir)).toMatchObject({ rows: 3 });
    expect(onDisk()).toBeUndefined();
    await expect.poll(onDisk, { timeout: 3000, interval: 100 }).toMatchObject({ rows: 3, hash: 'h3' });
    advanceCheckpoint(dataDir, head(2));
    await flushCheckpoint(dataDir);
    expect(onDisk()).toMatchObject({ rows: 3 });
    expect(readCheckpoint(dataDir)).toMatchObject({ rows: 3 });
  });

  it('a flush writes the last head taken now (shutdown); a newer file from another process is not overwritten', async () => {
    advanceCheckpoint(dataDir, head(5));
    await flushCheckpoint(dataDir);
    expect(onDisk()).toMatchObject({ rows: 5 });
    advanceCheckpoint(dataDir, head(6));
    // Another process sharing the data dir got further meanwhile.
    fs.writeFileSync(checkpointFile(dataDir), JSON.stringify(head(9)));
    await flushCheckpoint(dataDir);
    expect(onDisk()).toMatchObject({ rows: 9 });
  });

  it('dropping it also drops a head taken and not yet written', async () => {
    advanceCheckpoint(dataDir, head(12));
    await dropCheckpoint(dataDir);
    expect(readCheckpoint(dataDir)).toBeUndefined();
    await flushCheckpoint(dataDir);
    expect(onDisk()).toBeUndefined();
  });
});
