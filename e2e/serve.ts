/** Starts `npm start`'s server on a throw-away data directory for the browser tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

process.env.HATCHERY_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'hatchery-e2e-'));
process.env.HATCHERY_DEMO = 'true';
await import('../scripts/start.ts');
