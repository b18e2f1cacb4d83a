/**
 * Every main list sorts on the server by a whitelisted column (`sort`, `order`), breaking ties by
 * id, and refuses any other column naming the field. Checked on the lived-in demo, which holds
 * enough rows of every kind: a sorted answer groups equal values together and the descending
 * answer lists those groups in exactly the reverse order (whatever the database's collation).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedHistory } from '../src/seed/history.ts';
import { signIn, type Agent } from './helpers/agent.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { applicationAtStage } from './helpers/journey.ts';

let t: TestApp;
const agents = new Map<string, Agent>();
const as = async (username: string) => {
  if (!agents.has(username)) agents.set(username, await signIn(t.app, username));
  return agents.get(username)!;
};
const one = async <T>(text: string, params: unknown[] = []) => (await t.ctx.database.query<T>(text, params))[0]!;

const operator = 'op_cg_admin';
let callOfMany: string;
let callAdmin: string;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  await seedHistory(t.ctx.db, t.config, { servicePlatform: false });
  // The history gives each operator one application and 许昌 one credit record: a second of each,
  // in another state and found on another day, so the order means something.
  const [a] = [await applicationAtStage(t, 'xuchang_city', 'county_review'), await applicationAtStage(t, 'xuchang_city', 'county_review')];
  await t.ctx.database.query(`update applications set status = 'returned' where id = $1`, [a.id]);
  await t.ctx.database.query(
    `insert into credit_records (org_id, reason, found_at, ban_until) select u.org_id, '虚报场地面积', now() - interval '400 days', now() + interval '2 years' from users u where u.username = 'op_cg_admin'`,
  );
  // The call with the most applications and an admin of its authority.
  ({ id: callOfMany, username: callAdmin } = await one<{ id: string; username: string }>(
    `select c.id, (select u.username from users u join user_roles r on r.user_id = u.id and r.role = 'authority_admin' where u.org_id = c.authority_org_id order by u.username limit 1) as username
       from calls c join applications a on a.call_id = c.id group by c.id order by count(*) desc limit 1`,
  ));
}, 600_000);
afterAll(() => t.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are read field by field, as the API's JSON
type Row = any;

async function page(agent: Agent, url: string): Promise<Row[]> {
  const res = await agent.get(url);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json().items;
}

/** The values in order with consecutive repeats folded: a sorted list has each value once. */
const runs = (values: unknown[]) => values.map((v) => JSON.stringify(v)).filter((v, i, all) => i === 0 || v !== all[i - 1]);

interface Case {
  who: () => string;
  url: () => string;
  sort: string;
  value: (row: Row) => unknown;
}

const CASES: Case[] = [
  { who: () => operator, url: () => '/api/applications', sort: 'status', value: (r) => r.status },
  { who: () => operator, url: () => '/api/applications', sort: 'updatedAt', value: (r) => r.updatedAt },
  { who: () => operator, url: () => '/api/applications', sort: 'submittedAt', value: (r) => r.submittedAt },
  { who: () => callAdmin, url: () => `/api/calls/${callOfMany}/applications`, sort: 'space', value: (r) => r.space.name },
  { who: () => callAdmin, url: () => `/api/calls/${callOfMany}/applications`, sort: 'status', value: (r) => r.status },
  { who: () => 'sysadmin', url: () => '/api/calls', sort: 'closesAt', value: (r) => r.closesAt },
  { who: () => 'sysadmin', url: () => '/api/calls', sort: 'title', value: (r) => r.title },
  { who: () => 'sy_admin', url: () => '/api/notices', sort: 'startsAt', value: (r) => r.startsAt },
  { who: () => 'sy_admin', url: () => '/api/notices', sort: 'title', value: (r) => r.title },
  { who: () => 'sysadmin', url: () => '/api/public/filing-lists', sort: 'issuedOn', value: (r) => r.issuedOn },
  { who: () => 'sysadmin', url: () => '/api/public/filing-lists', sort: 'level', value: (r) => r.level },
  { who: () => 'sysadmin', url: () => '/api/admin/users', sort: 'displayName', value: (r) => r.displayName },
  { who: () => 'sysadmin', url: () => '/api/admin/users', sort: 'org', value: (r) => r.org.name },
  { who: () => 'sysadmin', url: () => '/api/admin/orgs', sort: 'name', value: (r) => r.name },
  { who: () => 'sysadmin', url: () => '/api/admin/orgs', sort: 'kind', value: (r) => r.kind },
  { who: () => 'xc_admin', url: () => '/api/spaces', sort: 'name', value: (r) => r.name },
  { who: () => 'xc_admin', url: () => '/api/credit/records', sort: 'foundAt', value: (r) => r.foundAt },
  { who: () => 'xc_admin', url: () => '/api/credit/records', sort: 'org', value: (r) => r.orgName },
];

describe('list sorting', () => {
  // Named by the list's path as written in the case (the call's id is only known once seeded).
  it.each(CASES.map((c) => [`${/\/api\/[\w/-]+/.exec(c.url.toString())?.[0]} by ${c.sort}`, c] as const))('%s: ascending, descending, the reverse of each other', async (_name, c) => {
    const agent = await as(c.who());
    const sep = c.url().includes('?') ? '&' : '?';
    const asc = await page(agent, `${c.url()}${sep}pageSize=100&sort=${c.sort}`);
    const desc = await page(agent, `${c.url()}${sep}pageSize=100&sort=${c.sort}&order=desc`);
    const ascRuns = runs(asc.map(c.value));
    // Enough rows with different values for the order to mean something; each value in one run.
    expect(ascRuns.length, JSON.stringify(ascRuns)).toBeGreaterThan(1);
    expect(new Set(ascRuns).size).toBe(ascRuns.length);
    expect(runs(desc.map(c.value))).toEqual([...ascRuns].reverse());
    expect(new Set(desc.map((r) => r.id))).toEqual(new Set(asc.map((r) => r.id)));
    // Dates and numbers compare the same everywhere: ascending means ascending.
    const values = asc.map(c.value);
    if (/At$|On$/.test(c.sort)) expect([...values].sort()).toEqual(values);
  });

  it('sorts the audit log by time both ways', async () => {
    const auditor = await as('auditadmin');
    const times = async (order: string) => (await page(auditor, `/api/audit?pageSize=50&sort=at&order=${order}`)).map((r) => r.at as string);
    const [up, down] = [await times('asc'), await times('desc')];
    expect(up).toEqual([...up].sort());
    expect(down).toEqual([...down].sort().reverse());
    expect(down[0]! > up[0]!).toBe(true);
  });

  it('refuses a column a list does not sort by, or a bad direction, naming the field', async () => {
    const lists: [string, string][] = [
      [operator, '/api/applications'],
      [callAdmin, `/api/calls/${callOfMany}/applications`],
      ['sysadmin', '/api/calls'],
      ['sy_admin', '/api/notices'],
      ['sysadmin', '/api/public/filing-lists'],
      ['sysadmin', '/api/admin/users'],
      ['sysadmin', '/api/admin/orgs'],
      ['xc_admin', '/api/spaces'],
      ['xc_admin', '/api/credit/records'],
      ['auditadmin', '/api/audit'],
    ];
    for (const [who, url] of lists) {
      const agent = await as(who);
      for (const [query, field] of [
        ['sort=password_hash', 'querystring.sort'],
        ['sort=id;drop table users', 'querystring.sort'],
        ['order=sideways', 'querystring.order'],
      ] as const) {
        const res = await agent.get(`${url}?${query.replace(/ /g, '%20')}`);
        expect(res.statusCode, `${url}?${query}`).toBe(400);
        const error = res.json().error;
        expect(error.fields.map((f: { field: string }) => f.field), url).toContain(field);
        expect(JSON.stringify(error), url).toMatch(/排序/);
      }
    }
  });
});
