/**
 * Runs once before every test file: builds the migrated database each file starts from, so a file
 * copies a template instead of creating a cluster and running every migration again (the larger
 * part of a file's start-up on PGlite, where a new cluster runs initdb in WebAssembly).
 * - PGlite: a migrated in-memory cluster dumped to a tarball on disk (`pgliteTemplate`).
 * - PostgreSQL (TEST_DATABASE_URL): a migrated database, owned and granted as in production, that
 *   `create database … template` copies (`pgTemplate`); dropped again at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/client.ts';
import { migrateStore } from '../src/db/bootstrap.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const database = await openDatabase({});
    // With the job queue's schema and queues too: pg-boss would otherwise install them in every copy.
    await migrateStore(database);
    // Every test file starts a copy of this cluster, so its start-up is paid about 150 times a run.
    // PostgreSQL's default 128 MB of shared buffers made up most of a copy's start in WebAssembly
    // (about a second of CPU; the tests' databases are a few megabytes), and template0/template1,
    // which PGlite never opens (it serves one database and no test creates another), were 15 of
    // the tarball's 43 MB that every copy unpacks. Together: about 1.9 → 0.85 s of CPU a copy.
    await database.exec(`alter system set shared_buffers = '16MB'`);
    await database.exec(`update pg_database set datistemplate = false where datname in ('template0', 'template1')`);
    await database.exec('drop database template0');
    await database.exec('drop database template1');
    const dump = await database.dumpDataDir!();
    await database.close();
    const file = path.join(os.tmpdir(), `hatchery-template-${process.pid}-${randomBytes(4).toString('hex')}.tar`);
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    project.provide('pgliteTemplate', file);
    return () => fs.rmSync(file, { force: true });
  }
  const name = `hatchery_tpl_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const owner = await openDatabase({ url: url.toString() });
  await migrateStore(owner);
  await owner.close();
  project.provide('pgTemplate', name);
  return async () => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
}
