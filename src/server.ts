import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openContext } from './context.ts';
import { APP_ROLE, connectedAsOwner } from './db/roles.ts';
import { sweepStore } from './modules/files/index.ts';
import { startWorkers } from './modules/index.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isDatabaseEmpty, seedDemo } from './seed/demo.ts';
import { historyLines, seedHistory } from './seed/history.ts';

/** `npm start`: migrate (or check the schema, see openContext), seed demo data on an empty database in demo mode, serve API and web. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  // The workers start once the demo is seeded: the history's past bookings queue their no-show
  // releases as due, and a worker woken by them would release a booking the seed is checking in.
  const ctx = await openContext(config, { jobs: { workers: false } });
  const { database } = ctx;
  if (database.kind === 'postgres' && (await connectedAsOwner(database)))
    console.warn(
      `注意：服务以数据库所有者身份连接，行级安全与审计日志的权限限制不生效；生产环境请让 DATABASE_URL 使用 ${APP_ROLE} 角色。` +
        `\nNote: the server connects as the database owner, so row-level security and the audit log's grants do not bind it; in production DATABASE_URL names the ${APP_ROLE} role.`,
    );
  let seeded = false;
  if (config.demo && (await isDatabaseEmpty(database.db))) {
    await seedDemo(database.db, config);
    // A lived-in demo: applications at every stage, last year's list, a credit record (src/seed/history.ts).
    if (config.demoHistory) await seedHistory(database.db, config);
    seeded = true;
  }
  await startWorkers(ctx);
  // What a crash of the last run left in the attachment store goes before anyone uploads again.
  const swept = await sweepStore(database.db, config, config.filesSweepGraceMinutes);
  if (swept.partialUploads || swept.orphans)
    console.log(`附件清理 / attachment sweep: removed ${swept.partialUploads} partial upload(s), ${swept.orphans} file(s) without a record`);
  if (swept.missingBytes)
    console.error(`附件缺失 / attachments missing from the store: ${swept.missingBytes} file record(s), e.g. ${swept.missingIds.slice(0, 5).join(', ')}`);
  const app = await buildApp(ctx);
  const shutdown = async () => {
    await app.close();
    await ctx.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });

  const url = `http://localhost:${config.port}`;
  console.log(`\nHatchery 众创空间备案与服务平台 已启动: ${url}  (数据库: ${database.kind})`);
  if (config.demo) {
    console.log(`${seeded ? '已写入演示数据。' : ''}演示账号（密码均为 ${DEMO_PASSWORD}）/ demo accounts (password ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(16)} ${a.displayName}  — ${a.organisation}`);
    if (config.demoHistory) for (const line of historyLines()) console.log(line);
    console.warn(
      isLoopback(config.host)
        ? `注意：演示模式的账号密码是公开的，服务只监听 ${config.host}（设置 HOST 可改变）。/ Demo passwords are public; listening on ${config.host} only (set HOST to change).`
        : `警告：演示模式的账号密码是公开的，而服务正在监听 ${config.host}，同一网络中的任何人都能登录。/ WARNING: demo passwords are public and the server listens on ${config.host}: anyone on the network can sign in.`,
    );
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
