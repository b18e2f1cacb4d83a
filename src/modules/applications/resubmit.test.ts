import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Agent } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { applicationAtStage } from '../../../test/helpers/journey.ts';
import { CHAINS } from '../../shared/chains.ts';

let t: TestApp;
let cgReviewer: Agent;
let xcAdmin: Agent;
let cgAdmin: Agent;
const DAY = 86400_000;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [cgReviewer, xcAdmin, cgAdmin] = await Promise.all([signIn(t.app, 'cg_reviewer'), signIn(t.app, 'xc_admin'), signIn(t.app, 'cg_admin')]);
});
afterAll(() => t.close());

const checklist = CHAINS.xuchang_city.stages[0]!.checklist.map((c) => ({ key: c.key, verdict: 'ok', note: '已核查' }));

/** An application the county returned, with its resubmission date moved into the past as time would. */
async function returnedAndOverdue() {
  const a = await applicationAtStage(t, 'xuchang_city', 'county_review');
  const returned = await cgReviewer.post(`/api/review/applications/${a.id}/return`, {
    stageKey: 'county_review',
    note: '请补充场地租赁合同',
    itemComments: [{ field: 'attachments.premises_proof', comment: '租赁期限不足五年' }],
    resubmitDueAt: new Date(Date.now() + 3 * DAY).toISOString(),
  });
  expect(returned.statusCode, returned.body).toBe(200);
  await t.ctx.database.query(`update applications set resubmit_due_at = now() - interval '1 hour' where id = $1`, [a.id]);
  return a;
}

describe('resubmission of a returned application', () => {
  it('is refused after its due date, naming the date, until the call’s authority extends it (audited)', async () => {
    const a = await returnedAndOverdue();
    const revision = (await a.operator.get(`/api/applications/${a.id}`)).json().revision;
    const late = await a.operator.post(`/api/applications/${a.id}/resubmit`, { revision });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({ code: 'APPLICATION_DEADLINE_PASSED' });
    expect(late.json().error.message).toContain('重新提交期限已于');

    // The county returned it, but deadlines of the call are the city's to extend.
    const until = new Date(Date.now() + 5 * DAY).toISOString();
    expect((await cgAdmin.post(`/api/applications/${a.id}/extension`, { until, reason: '申请人补充材料需时' })).statusCode).toBe(403);
    const past = await xcAdmin.post(`/api/applications/${a.id}/extension`, { until: new Date(Date.now() - DAY).toISOString(), reason: '补充材料' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields[0].field).toBe('body.until');
    const extended = await xcAdmin.post(`/api/applications/${a.id}/extension`, { until, reason: '申请人补充材料需时' });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(extended.json()).toMatchObject({ status: 'returned', resubmitDueAt: until });

    const ok = await a.operator.post(`/api/applications/${a.id}/resubmit`, { revision, note: '已补充租赁合同' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'in_review', round: 2, resubmitDueAt: null, stage: { key: 'county_review' } });
    const audit = await t.ctx.database.query<{ action: string; detail: { resubmission?: boolean } }>(`select action, detail from audit_log where object_id = $1 order by id`, [a.id]);
    expect(audit.find((r) => r.action === 'application.extend')?.detail).toMatchObject({ resubmission: true });
    expect(audit.map((r) => r.action)).toContain('application.resubmit');
  });

  it('is the applicant’s alone, and only from the returned state', async () => {
    const a = await applicationAtStage(t, 'xuchang_city', 'county_review');
    const revision = (await a.operator.get(`/api/applications/${a.id}`)).json().revision;
    const notReturned = await a.operator.post(`/api/applications/${a.id}/resubmit`, { revision });
    expect(notReturned.statusCode).toBe(409);
    expect(notReturned.json().error.message).toContain('审核中');
    await cgReviewer.post(`/api/review/applications/${a.id}/pass`, { stageKey: 'county_review', checklist, note: '材料齐全' });
    const other = await signIn(t.app, 'op_robot_admin');
    expect((await other.post(`/api/applications/${a.id}/resubmit`, { revision })).statusCode).toBe(404);
    expect((await cgReviewer.post(`/api/applications/${a.id}/resubmit`, { revision })).statusCode).toBe(403);
  });
});
