import fs from 'node:fs';
import os from 'node:os';
import { Command, Option } from 'commander';
import type { AppContext } from '../app-context.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { openContext } from '../context.ts';
import type { AuditContext } from '../modules/audit/index.ts';
import * as audit from '../modules/audit/index.ts';
import { evaluatePublished, listPublishedRuleSets, profileJsonSchema } from '../modules/criteria/index.ts';
import { AUTHORITY_LEVELS, HOST_TYPES, ORG_KINDS, RECOMMENDER_TYPES, ROLES } from '../shared/domain.ts';
import { createAccount, setAccountStatusByOperator } from '../modules/identity/index.ts';
import { createOrganisation, findOrganisation, findOrganisationByName } from '../modules/orgs/index.ts';
import { createBackup } from '../ops/backup.ts';
import { appliedMigration } from '../ops/catalogue.ts';
import { restoreBackup } from '../ops/restore.ts';
import { DEMO_PASSWORD, isDatabaseEmpty, seedDemo } from '../seed/demo.ts';
import { historyLines, seedHistory } from '../seed/history.ts';
import { SCALE_SIZE_NAMES, SCALE_STEPS, seedScale, seedScaleStep } from '../seed/scale/index.ts';
import { AppError, fieldError } from '../shared/errors.ts';
import { VERSION } from '../shared/version.ts';
import { promptHidden, readFirstLineOfStdin } from './secret-input.ts';

/** Exit codes: 1 refused or failed (the message says why), 78 bad configuration (as `npm start`). */
const EXIT_FAILED = 1;
const EXIT_CONFIG = 78;

/** Who the audit log names for CLI actions: the operating-system user, never a platform account. */
const cliActor = (): AuditContext => ({
  actorUserId: null,
  actorUsername: `cli:${os.userInfo().username}`,
  actorOrgId: null,
  ip: null,
  requestId: null,
});

/** Service fields as the CLI user knows them (the services name request-body fields). */
const OPTION_OF_FIELD: Record<string, string> = {
  'body.username': '--username',
  'body.displayName': '--name',
  'body.roles': '--role',
  'body.orgId': '--org',
  'body.password': '--password',
  'body.name': '--name',
  'body.kind': '--kind',
  'body.regionCode': '--region',
  'body.uscc': '--uscc',
  'body.authorityLevel': '--level',
  'body.hostType': '--host-type',
  'body.recommenderType': '--recommender-type',
};

/** Prints a refusal in both languages, naming the option for each field error. */
function describeError(err: unknown): string {
  if (err instanceof ConfigError) return err.message;
  if (!(err instanceof AppError)) return `错误 / error: ${err instanceof Error ? err.message : String(err)}`;
  if (err.fields?.length)
    return err.fields.map((f) => `错误 / error: ${OPTION_OF_FIELD[f.field] ?? f.field}：${f.message} / ${f.messageEn}`).join('\n');
  return `错误 / error: ${err.message}\n${err.messageEn}`;
}

/**
 * One run of the program: the environment and standard input it reads, and the exit code it ends
 * with. `bin/hatchery.mjs` gives the process's own; the tests run commands in-process with theirs.
 */
interface CliRun {
  env: Record<string, string | undefined>;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  exitCode: number;
}

/**
 * Opens the configured store, runs one command, closes it; failures print and set the exit code.
 * `asOwner` connects through DATABASE_MIGRATION_URL when given (PostgreSQL: commands that must own
 * the tables, such as restore).
 */
async function withContext(run: CliRun, work: (ctx: AppContext) => Promise<number | void>, opts: { asOwner?: boolean } = {}): Promise<void> {
  let config;
  try {
    config = loadConfig(run.env);
  } catch (err) {
    console.error(describeError(err));
    run.exitCode = EXIT_CONFIG;
    return;
  }
  let ctx: Awaited<ReturnType<typeof openContext>> | undefined;
  try {
    // A command only enqueues; the running server's workers do the jobs.
    const store = opts.asOwner && config.databaseMigrationUrl ? { ...config, databaseUrl: config.databaseMigrationUrl } : config;
    ctx = await openContext(store, { jobs: { workers: false } });
    run.exitCode = (await work(ctx)) ?? 0;
  } catch (err) {
    console.error(describeError(err));
    run.exitCode = EXIT_FAILED;
  } finally {
    await ctx?.close();
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function resolveOrganisation(ctx: AppContext, nameOrId: string) {
  const org = UUID.test(nameOrId) ? await findOrganisation(ctx.db, nameOrId) : await findOrganisationByName(ctx.db, nameOrId.trim());
  if (!org) throw fieldError('body.orgId', `找不到机构“${nameOrId}”（请给出机构全称或 id）`, `no organisation "${nameOrId}" (give its full name or id)`);
  return org;
}

interface UserCreateOptions {
  username: string;
  name: string;
  role: string[];
  org: string;
  password?: string;
  passwordStdin?: boolean;
}

async function passwordFor(run: CliRun, opts: UserCreateOptions): Promise<string> {
  if (opts.password !== undefined) return opts.password;
  if (opts.passwordStdin) return readFirstLineOfStdin(run.stdin);
  if (!run.stdin.isTTY)
    throw fieldError('body.password', '非交互运行时请用 --password-stdin 提供初始密码', 'not interactive: give the initial password with --password-stdin');
  const first = await promptHidden('初始密码 / initial password: ');
  if ((await promptHidden('再次输入 / repeat: ')) !== first) throw fieldError('body.password', '两次输入的密码不一致', 'the two entries differ');
  return first;
}

/** Checks option values against a fixed list, naming the option and the allowed values in both languages. */
function checkChoices<T extends string>(field: string, values: string[], allowed: readonly T[]): T[] {
  const unknown = values.filter((v) => !(allowed as readonly string[]).includes(v));
  if (unknown.length)
    throw fieldError(field, `无效的取值 ${unknown.join(', ')}（可选：${allowed.join(', ')}）`, `invalid value ${unknown.join(', ')} (one of: ${allowed.join(', ')})`);
  return values as T[];
}

const checkChoice = <T extends string>(field: string, value: string | undefined, allowed: readonly T[]): T | undefined =>
  value === undefined ? undefined : checkChoices(field, [value], allowed)[0];

interface OrgCreateOptions {
  name: string;
  kind: string;
  region: string;
  uscc?: string;
  level?: string;
  hostType?: string;
  recommenderType?: string;
}

/** Runs one command line (the arguments after the program's name) and resolves to its exit code. */
export async function runCli(args: readonly string[], io: Partial<Omit<CliRun, 'exitCode'>> = {}): Promise<number> {
  const run: CliRun = { env: io.env ?? process.env, stdin: io.stdin ?? process.stdin, exitCode: 0 };
  await buildProgram(run).parseAsync(args, { from: 'user' });
  return run.exitCode;
}

function buildProgram(run: CliRun): Command {
  const program = new Command('hatchery')
    .description('Hatchery 众创空间备案与服务平台 运维命令 / operator commands\n数据库与数据目录取自环境变量 DATABASE_URL、HATCHERY_DATA_DIR / the store comes from DATABASE_URL and HATCHERY_DATA_DIR')
    .version(VERSION, '-V, --version', '打印版本 / print the version')
    .helpOption('-h, --help', '显示帮助 / show help')
    .helpCommand('help [command]', '显示命令帮助 / help for a command');

  program
    .command('migrate')
    .description('执行数据库迁移并载入行政区划 / apply database migrations and load the region list')
    .action(() =>
      withContext(run, async (ctx) => {
        // openContext has migrated already; say where the store now stands.
        const migration = await appliedMigration(ctx.db);
        console.log(`数据库已是最新结构 / database is up to date: ${migration.tag} (${ctx.database.kind})`);
      }),
    );

  program
    .command('seed')
    .description('写入演示数据或规模测试数据（非生产环境） / load demo data or the scale data set (not in production)')
    .option('--demo', '演示机构与账号（仅限空库） / the demo organisations and accounts (empty database only)')
    .option(
      '--scale <size>',
      '规模测试数据：national（全国）或 province（一个省），写入空库或仅含演示数据的库；账号密码均为演示密码 / the scale data set: national or province, into an empty database or one holding the demo; every account has the demo password',
    )
    .option(
      '--step <name>',
      '与 --scale 同用：只在已写入的规模测试数据上补写这一步（evaluation：历年年度评价） / with --scale: run only this later step over a scale data set already loaded (evaluation: past years of evaluation)',
    )
    .action((opts: { demo?: boolean; scale?: string; step?: string }) => {
      // The options are checked before the store is opened: a refused command leaves it untouched
      // (and answers at once instead of after a migration).
      let size: (typeof SCALE_SIZE_NAMES)[number] | undefined;
      let step: (typeof SCALE_STEPS)[number] | undefined;
      try {
        if (!!opts.demo === (opts.scale !== undefined))
          throw fieldError('--demo', '请指定 --demo 或 --scale <national|province> 中的一个', 'give exactly one of --demo or --scale <national|province>');
        size = checkChoice('--scale', opts.scale, SCALE_SIZE_NAMES);
        if (opts.step !== undefined && size === undefined) throw fieldError('--step', '--step 须与 --scale <size> 同用', '--step goes with --scale <size>');
        step = checkChoice('--step', opts.step, SCALE_STEPS);
      } catch (err) {
        console.error(describeError(err));
        run.exitCode = EXIT_FAILED;
        return;
      }
      return withContext(run, async (ctx) => {
        if (size !== undefined && step !== undefined) {
          console.log(`补写规模测试数据的一步 / running one step over the loaded scale data set: ${size} ${step}`);
          const summary = await seedScaleStep(ctx, size, step, (line) => console.log(line));
          console.log(`完成 / done: ${summary.tables.reduce((n, t) => n + t.rows, 0)} 行，用时 ${summary.seconds.toFixed(0)} s / rows, seconds`);
          return;
        }
        if (size !== undefined) {
          console.log(`写入规模测试数据 / loading the scale data set: ${size}`);
          const summary = await seedScale(ctx, size, (line) => console.log(line));
          const rows = summary.tables.reduce((n, t) => n + t.rows, 0);
          console.log(`完成 / done: ${summary.tables.length} 张表共 ${rows} 行，审计日志链 ${summary.sealed} 行，用时 ${summary.seconds.toFixed(0)} s；账号密码均为 ${DEMO_PASSWORD} / tables, rows, sealed audit chain rows, seconds; every account's password is ${DEMO_PASSWORD}`);
          return;
        }
        if (ctx.config.production)
          throw new AppError('FORBIDDEN', { zh: '生产环境不能写入演示数据（演示账号的密码是公开的）', en: 'demo data is refused in production (the demo password is public)' });
        if (!(await isDatabaseEmpty(ctx.db)))
          throw new AppError('CONFLICT', { zh: '数据库中已有用户，不能写入演示数据', en: 'the database already has users; demo data is only loaded into an empty one' });
        const accounts = await seedDemo(ctx.db, ctx.config);
        // The same lived-in demo `npm start` seeds (applications at every stage, last year's list, the
        // service platform's bookings and orders), unless HATCHERY_DEMO_HISTORY=false asks for the accounts only.
        if (ctx.config.demoHistory) await seedHistory(ctx.db, ctx.config);
        console.log(`已写入 ${accounts.length} 个演示账号，密码均为 ${DEMO_PASSWORD} / ${accounts.length} demo accounts, password ${DEMO_PASSWORD}`);
        if (ctx.config.demoHistory) for (const line of historyLines()) console.log(line);
      });
    });

  const org = program.command('org').description('机构管理 / organisations');
  org
    .command('create')
    .description('创建机构（生产环境中第一个管理员所属的平台机构由此创建） / create an organisation (e.g. the platform organisation of the first administrator)')
    .requiredOption('--name <name>', '机构全称 / full name')
    .requiredOption('--kind <kind>', `机构类型 / kind: ${ORG_KINDS.join(', ')}`)
    .requiredOption('--region <code>', '所在行政区划代码，全国为 000000 / region code, 000000 for national')
    .option('--uscc <code>', '统一社会信用代码（运营主体、建设主体必填） / unified social credit code (operators and hosts)')
    .option('--level <level>', `主管部门层级 / authority level: ${AUTHORITY_LEVELS.join(', ')}`)
    .option('--host-type <type>', `建设主体类型 / host type: ${HOST_TYPES.join(', ')}`)
    .option('--recommender-type <type>', `推荐单位类型 / recommending unit type: ${RECOMMENDER_TYPES.join(', ')}`)
    .action((opts: OrgCreateOptions) =>
      withContext(run, async (ctx) => {
        const created = await createOrganisation(ctx.db, cliActor(), {
          name: opts.name,
          kind: checkChoice('body.kind', opts.kind, ORG_KINDS)!,
          regionCode: opts.region,
          uscc: opts.uscc ?? null,
          authorityLevel: checkChoice('body.authorityLevel', opts.level, AUTHORITY_LEVELS) ?? null,
          hostType: checkChoice('body.hostType', opts.hostType, HOST_TYPES) ?? null,
          recommenderType: checkChoice('body.recommenderType', opts.recommenderType, RECOMMENDER_TYPES) ?? null,
        });
        console.log(`已创建机构 / organisation created: ${created.name}（${created.kind}）id=${created.id}`);
      }),
    );

  const user = program.command('user').description('账号管理 / accounts');
  user
    .command('create')
    .description('创建账号；首次登录须修改密码 / create an account that must change its password at first sign-in')
    .requiredOption('--username <username>', '用户名 / username')
    .requiredOption('--name <name>', '姓名 / display name')
    .requiredOption('--role <role...>', `角色 / roles: ${ROLES.join(', ')}`)
    .requiredOption('--org <org>', '所属机构的全称或 id / organisation name or id')
    .addOption(new Option('--password <password>', '初始密码（会留在 shell 历史中，建议改用 --password-stdin 或交互输入） / initial password (stays in shell history; prefer --password-stdin or the prompt)').conflicts('passwordStdin'))
    .option('--password-stdin', '从标准输入第一行读取初始密码 / read the initial password from the first line of stdin')
    .action((opts: UserCreateOptions) =>
      withContext(run, async (ctx) => {
        const roles = checkChoices('body.roles', opts.role, ROLES);
        const org = await resolveOrganisation(ctx, opts.org);
        const password = await passwordFor(run, opts);
        const created = await createAccount(ctx.db, ctx.config, cliActor(), {
          username: opts.username,
          displayName: opts.name,
          password,
          orgId: org.id,
          roles,
          mustChangePassword: true,
        });
        console.log(`已创建账号 ${created.username}（${roles.join(', ')}，${org.name}），首次登录须修改密码 / account created; the password must be changed at first sign-in`);
      }),
    );

  for (const [name, status, zh, en] of [
    ['disable', 'disabled', '停用', 'disable'],
    ['enable', 'active', '启用', 'enable'],
  ] as const) {
    user
      .command(name)
      .description(`${zh}账号（停用时立即结束其全部会话）；三种管理员账号只能由此${zh} / ${en} an account (disabling ends its sessions); the only way to ${en} an administrator account`)
      .requiredOption('--username <username>', '用户名 / username')
      .action((opts: { username: string }) =>
        withContext(run, async (ctx) => {
          const { sessionsEnded } = await setAccountStatusByOperator(ctx.db, cliActor(), opts.username, status);
          console.log(`已${zh}账号 ${opts.username}${status === 'disabled' ? `，结束会话 ${sessionsEnded} 个` : ''} / account ${opts.username} ${status === 'disabled' ? `disabled, ${sessionsEnded} sessions ended` : 'enabled'}`);
        }),
      );
  }

  const auditCmd = program.command('audit').description('审计日志 / audit log');
  auditCmd
    .command('verify')
    .description('封存已提交的行，分段校验审计日志链（密钥 MAC）及链外检查点并显示进度，断裂时退出码为 1 / seal committed rows, verify the keyed chain and its checkpoint in chunks with progress; exit code 1 when broken')
    .option('--resume', '从上次校验停下的位置继续（该行的 MAC 须未变） / go on from where the last check stopped (that row must still hold its MAC)')
    .action((opts: { resume?: boolean }) =>
      withContext(run, async (ctx) => {
        const progress = (through: number, head: number) => console.error(`已校验至第 ${through} / ${head} 行 / verified through row ${through} of ${head}`);
        const result = await audit.verifyAndRecord(ctx, cliActor(), { resume: opts.resume === true, onProgress: progress });
        const pending = result.pending ? `；另有 ${result.pending} 行待封存 / ${result.pending} rows pending sealing` : '';
        const resumed = result.from ? `（自第 ${result.from} 行之后继续 / resumed after row ${result.from}）` : '';
        if (result.ok) {
          console.log(`审计日志完整，已校验 ${result.checked} 行${resumed}${pending} / audit chain intact, ${result.checked} rows checked`);
          return 0;
        }
        if (result.truncated) {
          const { checkpointRows, chainRows } = result.truncated;
          console.error(`审计日志被截断（truncated）：检查点记录 ${checkpointRows} 行，链中仅有 ${chainRows} 行 / audit chain truncated: the checkpoint records ${checkpointRows} rows, the chain holds ${chainRows}`);
          return EXIT_FAILED;
        }
        const { id, reason } = result.brokenAt!;
        const why = {
          hash_mismatch: '该行内容被修改 / the row was edited',
          prev_hash_mismatch: '其前一行被删除或改动 / the row before it was deleted or altered',
          checkpoint_mismatch: '该行与链外检查点不符 / the row differs from the checkpoint kept outside the database',
        }[reason];
        console.error(`审计日志在 id=${id} 处断裂（${reason}）：${why}；此前 ${result.checked} 行完好 / audit chain broken at id ${id}; ${result.checked} rows before it are intact`);
        return EXIT_FAILED;
      }),
    );
  auditCmd
    .command('reset-checkpoint')
    .requiredOption('--reason <text>', '原因（写入审计日志） / why (recorded in the audit log)')
    .description('在核查断裂的审计日志后，以当前链为新的检查点（旧检查点写入历史与审计日志） / after examining a broken chain, take the chain as it stands as the new checkpoint (the old one goes to the history and the audit log)')
    .action((opts: { reason: string }) =>
      withContext(run, async (ctx) => {
        const head = await audit.resetCheckpoint(ctx, cliActor(), opts.reason);
        console.log(`新的检查点 / new checkpoint: ${head?.rows ?? 0} 行 / rows, ${head?.hash ?? '-'}`);
      }),
    );

  program
    .command('backup')
    .argument('<file>', '备份文件路径（不会覆盖已有文件） / backup file to write (never overwritten)')
    .description(
      '备份全部数据表与附件为一个文件；内置数据库只能由一个进程打开，请先停止服务 / back up every table and attachment to one file; stop the server first when using the embedded database',
    )
    .action((file: string) =>
      withContext(run, async (ctx) => {
        const s = await createBackup(ctx, file, cliActor());
        const rows = s.tables.reduce((n, t) => n + t.rows, 0);
        console.log(`已备份 / backed up: ${s.file}\n  ${s.tables.length} 张表 ${rows} 行 / tables, rows; ${s.files.length} 个附件 / attachments; ${s.bytes} 字节 / bytes\n  结构版本 / schema: ${s.migration.tag}\n  sha256: ${s.sha256}`);
      }),
    );

  program
    .command('restore')
    .argument('<file>', '备份文件 / backup file')
    .description(
      '从备份恢复到空库（一个事务内完成，以数据表所有者身份连接：如设置了 DATABASE_MIGRATION_URL 则用它） / restore a backup into an empty store in one transaction (as the tables\' owner: DATABASE_MIGRATION_URL when given)',
    )
    .option('--force', '清除目标库与附件后恢复 / replace whatever the target holds')
    .action((file: string, opts: { force?: boolean }) =>
      withContext(run, async (ctx) => {
        const s = await restoreBackup(ctx, file, cliActor(), { force: opts.force === true });
        const rows = s.tables.reduce((n, t) => n + t.rows, 0);
        console.log(`已恢复 / restored: ${s.file}（备份于 / made ${s.header.createdAt}）\n  ${s.tables.length} 张表 ${rows} 行，${s.files.length} 个附件，均与清单校验一致 / tables, rows and attachments match the manifest`);
        if (!s.auditChain.ok) {
          console.error(`恢复已完成，但警告：备份中的审计日志在 id=${s.auditChain.brokenAt!.id} 处断裂 / warning: the restored audit chain is broken at id ${s.auditChain.brokenAt!.id}`);
          return EXIT_FAILED;
        }
        console.log(`  审计日志完整 / audit chain intact (${s.auditChain.checked})`);
      }, { asOwner: true }),
    );

  const criteria = program.command('criteria').description('备案条件规则集 / filing-condition rule sets');
  criteria
    .command('list')
    .description('以 JSON 打印全部已发布规则集（含条件） / print every published rule set, with its conditions, as JSON')
    .action(() =>
      withContext(run, async (ctx) => {
        console.log(JSON.stringify(await listPublishedRuleSets(ctx.db), null, 2));
      }),
    );
  criteria
    .command('schema')
    .description('打印评价输入（空间画像）的 JSON Schema / print the JSON Schema of the evaluation input (the space profile)')
    .action(() => {
      console.log(JSON.stringify(profileJsonSchema(), null, 2));
    });
  criteria
    .command('evaluate')
    .description('以规则集评价一份空间画像并以 JSON 打印结果 / evaluate a space profile against a rule set and print the evaluation as JSON')
    .requiredOption('--ruleset <id>', '规则集标识，如 liaoning-2019 / rule set id, e.g. liaoning-2019')
    .requiredOption('--input <file>', '空间画像 JSON 文件（见 criteria schema） / profile JSON file (see criteria schema)')
    .option('--version <n>', '规则集版本，默认最新发布版 / rule set version; the newest published by default')
    .action((opts: { ruleset: string; input: string; version?: string }) =>
      withContext(run, async (ctx) => {
        const profile = readJsonFile(opts.input);
        const version = opts.version === undefined ? undefined : Number(opts.version);
        if (version !== undefined && !(Number.isInteger(version) && version > 0))
          throw fieldError('--version', '应为正整数', 'must be a positive integer');
        console.log(JSON.stringify(await evaluatePublished(ctx.db, opts.ruleset, profile, version), null, 2));
      }),
    );

  return program;
}

/** Reads a JSON file, refusing a missing or malformed one with a message naming it. */
function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw fieldError('--input', `无法读取文件 ${file}`, `cannot read ${file}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw fieldError('--input', `文件不是有效的 JSON（${(err as Error).message}）`, `not valid JSON (${(err as Error).message})`);
  }
}
