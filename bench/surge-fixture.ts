import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { cookieNames } from '../src/shared/http/cookies.ts';
import { BENCH_USER_AGENT } from './targets.ts';

/** One virtual operator of the surge: its admin account's session, and the space it files. */
export interface SurgeOperator {
  username: string;
  spaceId: string;
  cookie: string;
  /** The session's CSRF token, sent as `x-csrf-token` with every write. */
  csrf: string;
}

/**
 * A dossier every operator saves: each field of the 基础信息表 answered (a "yes" with its name) and
 * every section of the 申报书 written, so nothing is missing at submission. The server validates it
 * as it would a browser's; a change of the form shows here as a 400 of the dossier step.
 */
export const SURGE_DOSSIER = {
  basicInfo: {
    spaceName: '压力测试众创空间',
    foundedOn: '2016-05-01',
    operatorName: '压力测试运营主体有限公司',
    operatorNature: 'enterprise_private',
    legalRepresentative: '张伟',
    legalRepresentativePhone: '025-83232116',
    principalName: '李娜',
    principalMobile: '13800000001',
    contactName: '王强',
    contactMobile: '13900000002',
    address: '南京市玄武区创新路1号',
    email: 'contact@example.cn',
    builtByEnterprise: { yes: true, name: '压力测试集团有限公司' },
    builtByUniversity: { yes: false },
    builtByResearchInstitute: { yes: false },
    professionalDirection: '高端装备制造（工业机器人）',
    teamTotal: 12,
    teamCollegePlus: 10,
    mentors: 6,
    floorAreaM2: 3200.5,
    publicServiceAreaM2: 1200,
    angelFundWan: 500,
    residentProjects: 20,
    residentEnterprises: 18,
    eventsHeld: 24,
    onlinePlatform: { yes: true, name: '创客云' },
    publicTechPlatform: { yes: true, name: '检测中心' },
    managementSystems: { entryStandard: true, exitConditions: true, incubateeDatabase: true },
  },
  report: {
    hostOverview: '<p>集团概况</p>',
    currentStatus: '<p>空间现状</p>',
    overallResults: '<p>总体成效</p>',
    successCases: [1, 2, 3].map((i) => ({ title: `案例${i}`, content: `<p>案例${i}内容</p>` })),
    goalsAndTasks: '<p>目标任务</p>',
    organisationAndSupport: '<p>组织保障</p>',
  },
};

export interface SurgeFixture {
  callId: string;
  callTitle: string;
  /** The keys of the call's required material slots: one upload each per operator. */
  requiredSlots: string[];
  operators: SurgeOperator[];
}

/**
 * A uuid (version 4 form, so the API's uuid validation takes it) from md5 of a key expression: the
 * fixture's rows find each other by computing ids, in separate set-based statements.
 */
const sid = (key: string) => `overlay(overlay(md5('surge:' || ${key}) placing '4' from 13) placing '8' from 17)::uuid`;

/**
 * A disposable copy of the database at `url` (CREATE DATABASE … TEMPLATE, so nothing the surge
 * writes — applications, files, audit rows sealed into the chain — touches the original, and no
 * clean-up has to undo a hash chain). Nothing may be connected to the source while it is copied.
 * Returns the copy's URL and a function dropping it.
 */
export async function disposableCopy(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const source = new URL(url);
  const sourceName = decodeURIComponent(source.pathname.slice(1));
  const name = `${sourceName}_surge_${randomBytes(3).toString('hex')}`;
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    await admin.query(`create database "${name}" template "${sourceName}"`);
  } finally {
    await admin.end();
  }
  const copy = new URL(url);
  copy.pathname = `/${name}`;
  return {
    url: copy.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl.toString() });
      await c.connect();
      try {
        await c.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * The surge's fixture, in set-based statements: a copy of the open filing call (taking spaces
 * without a prior filing) whose region holds most counties, opened now for 30 days; `n` operator
 * organisations spread round-robin over that region's counties, each with an operator admin account
 * and one space of a category the call takes (not yet filed); and a session per account written
 * straight into `sessions`, as sign-in would (the server runs with MFA_REQUIRED=false).
 */
export async function createSurgeFixture(client: pg.Client, n: number): Promise<SurgeFixture> {
  const { rows: sources } = await client.query<{ id: string; path: string; category: string }>(
    `select c.id, r.path, c.eligible_categories->>0 as category
       from calls c join chains ch on ch.id = c.chain_id join regions r on r.code = c.region_code
      where c.kind = 'filing' and c.status = 'published' and ch.requires_filing is null and c.opens_at <= now() and now() < c.closes_at
      order by (select count(*) from regions x where x.level = 'county' and x.path like r.path || '/%') desc, c.id
      limit 1`,
  );
  const source = sources[0];
  if (!source) throw new Error('surge: the database holds no open filing call taking spaces without a prior filing (seed the demo first)');
  const {
    rows: [call],
  } = await client.query<{ id: string; title: string; slots: { key: string; required: boolean }[] }>(
    `insert into calls (title, level, year, authority_org_id, region_code, opens_at, closes_at, eligible_categories, rule_set_id,
        material_slots, description, kind, status, created_by, published_at, chain_id)
     select '压力测试：' || title, level, year, authority_org_id, region_code, now() - interval '1 hour', now() + interval '30 days',
        eligible_categories, rule_set_id, material_slots, description, kind, 'published', created_by, now(), chain_id
       from calls where id = $1
     returning id, title, material_slots as slots`,
    [source.id],
  );
  await client.query(
    `create temp table surge_operator as
     with county as (select row_number() over (order by code)::int as no, code from regions where level = 'county' and path like $1 || '/%')
     select g as no, county.code as region_code
       from generate_series(1, $2::int) g join county on county.no = (g - 1) % (select count(*) from county) + 1`,
    [source.path, n],
  );
  await client.query(
    `insert into organisations (id, name, kind, region_code)
     select ${sid("'operator:' || no")}, '压力测试运营主体' || no || '号有限公司', 'operator', region_code from surge_operator`,
  );
  // Never signed in with: the bench writes sessions directly.
  await client.query(
    `insert into users (id, username, display_name, password_hash, org_id)
     select ${sid("'user:' || no")}, 'surge_op' || no || '_admin', '压力测试管理员' || no, 'bench-no-password', ${sid("'operator:' || no")} from surge_operator`,
  );
  await client.query(`insert into user_roles (user_id, role) select ${sid("'user:' || no")}, 'operator_admin' from surge_operator`);
  await client.query(
    `insert into spaces (id, name, operator_org_id, category, regular_type, industry, sub_field, founded_on, region_code, online_platform_name, management_systems)
     select ${sid("'space:' || no")}, '压力测试众创空间' || no || '号', ${sid("'operator:' || no")}, $1,
        case when $1 = 'regular' then 'tech_support' end, 'advanced_equipment', '工业机器人', '2016-05-01', region_code, '创新创业服务平台',
        '{"entryStandard": true, "exitConditions": true, "incubateeDatabase": true}'::jsonb
       from surge_operator`,
    [source.category],
  );
  const tokens = Array.from({ length: n }, () => ({ token: randomBytes(32).toString('base64url'), csrf: randomBytes(32).toString('base64url') }));
  await client.query(
    `insert into sessions (token_hash, user_id, csrf_token, mfa_pending, user_agent, created_at, last_seen_at, expires_at)
     select t.hash, ${sid("'user:' || t.no")}, t.csrf, false, $3, now(), now(), now() + interval '12 hours'
       from unnest($1::text[], $2::text[]) with ordinality t(hash, csrf, no)`,
    [tokens.map((t) => createHash('sha256').update(t.token).digest('hex')), tokens.map((t) => t.csrf), BENCH_USER_AGENT],
  );
  const { rows: spaces } = await client.query<{ no: number; space_id: string }>(`select no, ${sid("'space:' || no")} as space_id from surge_operator order by no`);
  await client.query('drop table surge_operator');
  const session = cookieNames(false).session;
  return {
    callId: call!.id,
    callTitle: call!.title,
    requiredSlots: call!.slots.filter((s) => s.required).map((s) => s.key),
    operators: spaces.map((s, i) => ({ username: `surge_op${s.no}_admin`, spaceId: s.space_id, cookie: `${session}=${tokens[i]!.token}`, csrf: tokens[i]!.csrf })),
  };
}
