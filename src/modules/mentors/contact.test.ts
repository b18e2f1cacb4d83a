/**
 * A maker asks for a mentor's contacts (issue 15): the public page never shows them; a signed-in
 * maker gets them in full for an active mentor of a filed space who consented, audited without the
 * values, at most CONTACT_REVEALS_PER_DAY a day; no consent is 403, an unfiled space 404, anyone
 * else refused with nothing recorded.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { fileSpace } from '../../../test/helpers/filed.ts';
import { auditLog } from '../audit/schema.ts';
import { loadActor, users } from '../identity/index.ts';
import { spaces } from '../spaces/schema.ts';
import { mentorContactReveals } from './schema.ts';
import { CONTACT_REVEALS_PER_DAY, revealContact } from './service.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field, as the API's JSON
type Json = any;

let t: TestApp;
let operator: Agent;
let univOperator: Agent;
let maker: Agent;
let city: Agent;
let anon: Agent;
let robot = '';
let univ = '';
const mentor: Record<'consenting' | 'private' | 'unfiled', string> = { consenting: '', private: '', unfiled: '' };

const body = (name: string, contactConsent: boolean) => ({
  name,
  kind: 'industry',
  term: 'part_time',
  fields: ['工业机器人'],
  affiliation: '新松机器人自动化股份有限公司',
  title: '高级工程师',
  contactMobile: '13940001234',
  contactEmail: 'zhou@example.cn',
  contactConsent,
  active: true,
});

async function ok(res: Promise<{ statusCode: number; body: string; json: () => Json }>, status = 200): Promise<Json> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
}
const reveals = () => t.ctx.db.select().from(mentorContactReveals);
const revealAudits = () => t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'mentor.contact.reveal'));

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [operator, univOperator, maker, city] = (await Promise.all(['op_robot_admin', 'op_univ_admin', 'maker_chen', 'sy_admin'].map((u) => signIn(t.app, u)))) as [Agent, Agent, Agent, Agent];
  anon = new Agent(t.app);
  const idOf = async (name: string) => (await t.ctx.db.select().from(spaces).where(eq(spaces.name, name)))[0]!.id;
  robot = await idOf('沈阳智能机器人专业化众创空间');
  univ = await idOf('金陵理工生物医药专业化众创空间');
  await fileSpace(t, robot);
  mentor.consenting = (await ok(operator.post(`/api/mentors/spaces/${robot}`, body('周建国', true)), 201)).id;
  mentor.private = (await ok(operator.post(`/api/mentors/spaces/${robot}`, body('李明', false)), 201)).id;
  mentor.unfiled = (await ok(univOperator.post(`/api/mentors/spaces/${univ}`, body('王芳', true)), 201)).id;
}, 300_000);
afterAll(() => t.close());

describe('a mentor’s contacts for makers', () => {
  it('the public page shows no contact, only whether one may ask', async () => {
    const page = await ok(anon.get(`/api/portal/spaces/${robot}`));
    expect(JSON.stringify(page.mentors)).not.toMatch(/13940001234|zhou@example\.cn|1394\*/);
    expect(page.mentors.map((m: Json) => [m.name, m.contactConsent]).sort()).toEqual([
      ['周建国', true],
      ['李明', false],
    ]);
  });

  it('the consent is the operator’s to set; an edit without it keeps it', async () => {
    const list = await ok(operator.get(`/api/mentors?spaceId=${robot}`));
    const zhou = list.items.find((m: Json) => m.id === mentor.consenting);
    expect(zhou.contactConsent).toBe(true);
    const { id: _id, spaceId: _s, spaceName: _n, personalDataMasked: _p, sessionsThisYear: _y, minutesThisYear: _m, activeRelations: _a, canEdit: _c, revision, contactConsent: _cc, ...rest } = zhou;
    const edited = await ok(operator.put(`/api/mentors/${mentor.consenting}`, { ...rest, title: '首席工程师', revision }));
    expect(edited.contactConsent).toBe(true);
  });

  it('a maker gets the consenting mentor’s phone and e-mail in full, audited without the values', async () => {
    const r = await ok(maker.post(`/api/mentors/${mentor.consenting}/reveal`));
    expect(r).toEqual({ mentorId: mentor.consenting, name: '周建国', contactMobile: '13940001234', contactEmail: 'zhou@example.cn' });
    const [row] = await revealAudits();
    expect(row).toMatchObject({ objectType: 'mentor', objectId: mentor.consenting, result: 'success' });
    expect(JSON.stringify(row!.detail)).not.toMatch(/13940001234|zhou@/);
    expect(await reveals()).toHaveLength(1);
  });

  it('no consent is 403; a mentor of an unfiled space or an unknown one is 404; nothing is recorded', async () => {
    const before = (await reveals()).length;
    const refused = await maker.post(`/api/mentors/${mentor.private}/reveal`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('未同意');
    expect((await maker.post(`/api/mentors/${mentor.unfiled}/reveal`)).statusCode).toBe(404);
    expect((await maker.post('/api/mentors/00000000-0000-4000-8000-000000000000/reveal')).statusCode).toBe(404);
    expect((await maker.post('/api/mentors/nope/reveal')).statusCode).toBe(400);
    expect(await reveals()).toHaveLength(before);
    expect(await revealAudits()).toHaveLength(1);
  });

  it(`at most ${CONTACT_REVEALS_PER_DAY} a day per maker (429), counted from the Shanghai midnight`, async () => {
    const [chen] = await t.ctx.db.select().from(users).where(eq(users.username, 'maker_chen'));
    const actor = (await loadActor(t.ctx.db, chen!.id, 't'))!;
    const ctx = { actorUserId: actor.userId, actorUsername: actor.username, actorOrgId: actor.org.id, ip: null, requestId: null };
    for (let i = (await reveals()).length; i < CONTACT_REVEALS_PER_DAY; i++) await ok(maker.post(`/api/mentors/${mentor.consenting}/reveal`));
    const over = await maker.post(`/api/mentors/${mentor.consenting}/reveal`);
    expect(over.statusCode).toBe(429);
    expect(over.json().error.message).toContain(`每天最多查看 ${CONTACT_REVEALS_PER_DAY} 位`);
    expect(await reveals()).toHaveLength(CONTACT_REVEALS_PER_DAY);
    expect(await revealAudits()).toHaveLength(CONTACT_REVEALS_PER_DAY);
    // The next Shanghai day the maker may ask again.
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    expect((await revealContact(t.ctx.db, actor, ctx, mentor.consenting, { now: tomorrow })).contactMobile).toBe('13940001234');
  });

  it('outsiders are refused and nothing is recorded: not signed in, an operator, an authority', async () => {
    const before = { reveals: (await reveals()).length, audits: (await revealAudits()).length };
    // Without a session the write meets the CSRF check (403) or the session check (401) first.
    expect([401, 403]).toContain((await anon.post(`/api/mentors/${mentor.consenting}/reveal`)).statusCode);
    const fresh = new Agent(t.app);
    await fresh.get('/api/auth/csrf');
    expect((await fresh.post(`/api/mentors/${mentor.consenting}/reveal`)).statusCode).toBe(401);
    expect((await operator.post(`/api/mentors/${mentor.consenting}/reveal`)).statusCode).toBe(403);
    expect((await city.post(`/api/mentors/${mentor.consenting}/reveal`)).statusCode).toBe(403);
    expect((await reveals()).length).toBe(before.reveals);
    expect((await revealAudits()).length).toBe(before.audits);
  });
});
