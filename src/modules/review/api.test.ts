import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Agent } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { applicationAtStage, uploadFile } from '../../../test/helpers/journey.ts';
import { SAMPLE } from '../../../test/helpers/multipart.ts';
import { CHAINS } from '../../shared/chains.ts';
import { remindStageDue } from './service.ts';

let t: TestApp;
const as: Record<string, Agent> = {};
const USERS = ['cg_reviewer', 'cg_admin', 'yz_reviewer', 'xc_reviewer', 'xc_admin', 'op_cg_admin', 'expert_wang', 'ln_reviewer', 'ln_admin', 'sy_reviewer', 'sysadmin'] as const;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  for (const u of USERS) as[u] = await signIn(t.app, u);
});
afterAll(() => t.close());

const DAY = 24 * 3600_000;
const COUNTY = CHAINS.xuchang_city.stages[0]!;
/** A complete checklist of `stage`, every item ok with a note. */
const okChecklist = (stage = COUNTY) => stage.checklist.map((c) => ({ key: c.key, verdict: 'ok', note: `已核查：${c.label}` }));
const passBody = (stageKey = 'county_review', checklist = okChecklist()) => ({ stageKey, checklist, note: '材料齐全，符合条件' });
const returnBody = (stageKey = 'county_review') => ({
  stageKey,
  note: '团队人数与证明材料不符',
  itemComments: [{ field: 'basicInfo.teamTotal', comment: '请按劳动合同核实团队人数' }],
  resubmitDueAt: new Date(Date.now() + 10 * DAY).toISOString(),
});

const atCounty = () => applicationAtStage(t, 'xuchang_city', 'county_review');

const q = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => t.ctx.database.query<T>(sql, params);
const userId = async (username: string) => (await q<{ id: string }>('select id from users where username = $1', [username]))[0]!.id;
const notificationsOf = async (username: string) => q<{ title: string; body: string; link: string }>('select title, body, link from notifications where user_id = $1 order by created_at', [await userId(username)]);

/** Everything about one application a refused request must leave alone. */
async function fingerprint(id: string) {
  const [row] = await q(
    `select a.status, a.stage_key, a.stage_due_at, a.resubmit_due_at, a.revision,
       (select count(*)::int from stage_reviews where application_id = a.id) as reviews,
       (select count(*)::int from application_events where application_id = a.id) as events,
       (select count(*)::int from notifications) as notifications,
       (select count(*)::int from notification_templates) as templates,
       (select count(*)::int from audit_log where action <> 'access.denied') as audit_rows
     from applications a where a.id = $1`,
    [id],
  );
  return row;
}

describe('queue', () => {
  it('lists the applications at the stages the actor works, in its jurisdiction, with stage, due date and overdue flag', async () => {
    const a = await atCounty();
    const b = await atCounty();
    await q(`update applications set stage_due_at = now() - interval '1 day' where id = $1`, [b.id]);
    const res = await as.cg_reviewer!.get(`/api/review/queue?callId=${a.callId}&pageSize=100`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const ids = body.items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    // Ordered by due date: the overdue one first.
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
    const row = body.items.find((i: { id: string }) => i.id === b.id);
    expect(row).toMatchObject({
      status: 'in_review',
      round: 1,
      space: { name: b.spaceName },
      operator: { name: b.operatorName },
      stage: { key: 'county_review', kind: 'review', name: '县级初审', overdue: true },
    });
    expect(body.items.find((i: { id: string }) => i.id === a.id).stage.overdue).toBe(false);
    expect(body.stages.map((s: { key: string }) => s.key)).toEqual(expect.arrayContaining(['county_review', 'county_recommend']));
    expect(body.calls).toEqual([{ id: a.callId, title: expect.any(String) }]);

    // Another county and the city (which does not work the county stage) do not see them.
    for (const who of ['yz_reviewer', 'xc_reviewer'] as const) {
      const other = (await as[who]!.get(`/api/review/queue?callId=${a.callId}&pageSize=100`)).json();
      expect(other.items.map((i: { id: string }) => i.id)).not.toContain(a.id);
    }
    // Filters: search by space name, stage and paging.
    const found = (await as.cg_reviewer!.get(`/api/review/queue?q=${encodeURIComponent(a.spaceName)}`)).json();
    expect(found.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    const paged = (await as.cg_reviewer!.get(`/api/review/queue?callId=${a.callId}&stageKey=county_review&pageSize=1`)).json();
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBeGreaterThanOrEqual(2);
  });

  it('shows stages of every kind, each row saying which kind of page handles it', async () => {
    const a = await atCounty();
    expect((await as.cg_reviewer!.post(`/api/review/applications/${a.id}/pass`, passBody())).statusCode).toBe(200);
    const rows = (await as.cg_reviewer!.get(`/api/review/queue?stageKey=county_recommend&pageSize=100`)).json().items;
    expect(rows.find((r: { id: string }) => r.id === a.id)).toMatchObject({ stage: { key: 'county_recommend', kind: 'recommend' } });
  });

  it("offers as stage filters only the stages of calls in the actor's jurisdiction", async () => {
    // 沈阳 works city stages of any chain, but only the Liaoning call is in its jurisdiction.
    const stages = (await as.sy_reviewer!.get('/api/review/queue')).json().stages.map((s: { key: string }) => s.key);
    expect(stages).toEqual(expect.arrayContaining(['city_authenticity', 'city_notice', 'city_recommend']));
    expect(stages).not.toContain('city_review');
    expect(stages).not.toContain('city_decision');
    const xuchang = (await as.xc_reviewer!.get('/api/review/queue')).json().stages.map((s: { key: string }) => s.key);
    expect(xuchang).toEqual(expect.arrayContaining(['city_review', 'city_decision']));
    expect(xuchang).not.toContain('city_authenticity');
  });

  it('refuses roles that work no stage and bad filters', async () => {
    for (const who of ['op_cg_admin', 'expert_wang', 'sysadmin'] as const) expect((await as[who]!.get('/api/review/queue')).statusCode).toBe(403);
    const bad = await as.cg_reviewer!.get('/api/review/queue?status=draft');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toContain('status');
  });
});

describe('stage work view', () => {
  it('shows the checklist, abilities, verdicts and evaluation to the stage’s workers; readers see it without abilities', async () => {
    const a = await atCounty();
    const res = await as.cg_reviewer!.get(`/api/review/applications/${a.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const w = res.json();
    expect(w.stage.checklist.map((c: { key: string }) => c.key)).toEqual(COUNTY.checklist.map((c) => c.key));
    expect(w.abilities).toEqual({ pass: true, return: true, reject: true, extend_stage: false });
    expect(w.chain.map((s: { key: string }) => s.key)).toEqual(CHAINS.xuchang_city.stages.map((s) => s.key));
    expect(w.rounds).toHaveLength(1);
    expect(w.diffs).toEqual([]);
    expect(w.evaluation).toMatchObject({ overall: expect.any(String) });
    expect((await as.cg_admin!.get(`/api/review/applications/${a.id}`)).json().abilities.extend_stage).toBe(true);
    // The city governs the county's space: it reads, but works none of this stage.
    const city = await as.xc_reviewer!.get(`/api/review/applications/${a.id}`);
    expect(city.statusCode).toBe(200);
    expect(city.json().abilities).toEqual({ pass: false, return: false, reject: false, extend_stage: false });
  });

  it('is not found outside the jurisdiction and forbidden to other roles', async () => {
    const a = await atCounty();
    expect((await as.yz_reviewer!.get(`/api/review/applications/${a.id}`)).statusCode).toBe(404);
    expect((await as.ln_reviewer!.get(`/api/review/applications/${a.id}`)).statusCode).toBe(404);
    for (const who of ['op_cg_admin', 'expert_wang'] as const) expect((await as[who]!.get(`/api/review/applications/${a.id}`)).statusCode).toBe(403);
  });
});

describe('pass', () => {
  it('needs a verdict and a note on every checklist item, refuses problems, then moves on and notifies', async () => {
    const a = await atCounty();
    const before = await fingerprint(a.id);
    const missing = await as.cg_reviewer!.post(`/api/review/applications/${a.id}/pass`, passBody('county_review', okChecklist().slice(0, 3)));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['body.checklist.site_checked']);
    expect(missing.json().error.message).toContain('严禁审核走过场');
    const extra = await as.cg_reviewer!.post(`/api/review/applications/${a.id}/pass`, passBody('county_review', [...okChecklist(), { key: 'made_up', verdict: 'ok', note: 'x' }]));
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.fields[0].field).toBe('body.checklist.4.key');
    const noNote = await as.cg_reviewer!.post(`/api/review/applications/${a.id}/pass`, passBody('county_review', okChecklist().map((c, i) => (i === 1 ? { ...c, note: '  ' } : c))));
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.fields[0].field).toBe('body.checklist.1.note');
    const problem = await as.cg_reviewer!.post(`/api/review/applications/${a.id}/pass`, passBody('county_review', okChecklist().map((c, i) => (i === 2 ? { ...c, verdict: 'problem' } : c))));
    expect(problem.statusCode).toBe(400);
    expect(problem.json().error.fields[0].field).toBe('body.checklist.2.verdict');
    expect(problem.json().error.message).toContain('退回修改或驳回');
    const unknownField = await as.cg_reviewer!.post(`/api/review/applications/${a.id}/pass`, { ...passBody(), skipChecks: true });
    expect(unknownField.statusCode).toBe(400);
    expect(await fingerprint(a.id)).toEqual(before);

    const ok = await as.cg_reviewer!.post(`/api/review/applications/${a.id}/pass`, passBody());
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'in_review', stage: { key: 'county_recommend', kind: 'recommend' } });
    expect(ok.json().reviews).toMatchObject([{ stageKey: 'county_review', outcome: 'pass', round: 1, note: '材料齐全，符合条件', reviewerOrgName: '长葛市科学技术局' }]);
    expect(ok.json().reviews[0].checklist).toHaveLength(4);
    expect((await notificationsOf('op_cg_admin')).map((n) => n.title)).toContain('备案申请已通过“县级初审”');
    expect((await notificationsOf('cg_admin')).some((n) => n.title.includes('县级书面推荐') && n.link === `/app/review/${a.id}`)).toBe(true);
    const audit = await q<{ action: string }>(`select action from audit_log where object_id = $1 order by id`, [a.id]);
    expect(audit.map((r) => r.action)).toContain('review.pass');

    // At the recommendation stage the page is another one; a stale stage is someone else's work.
    const recommend = await as.cg_reviewer!.post(`/api/review/applications/${a.id}/pass`, passBody('county_recommend', okChecklist(CHAINS.xuchang_city.stages[1])));
    expect(recommend.statusCode).toBe(409);
    expect(recommend.json().error.message).toContain('推荐');
    const stale = await as.cg_reviewer!.post(`/api/review/applications/${a.id}/pass`, passBody());
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain('已由他人处理');
  });

  it('of two concurrent passes exactly one wins and one verdict is stored', async () => {
    const a = await atCounty();
    const other = await signIn(t.app, 'cg_admin');
    const results = await Promise.all([as.cg_reviewer!.post(`/api/review/applications/${a.id}/pass`, passBody()), other.post(`/api/review/applications/${a.id}/pass`, passBody())]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const [{ n }] = (await q<{ n: number }>('select count(*)::int as n from stage_reviews where application_id = $1', [a.id])) as [{ n: number }];
    expect(n).toBe(1);
  });

  it('the intake clerk works the intake stage of the Jiangsu chain', async () => {
    const a = await applicationAtStage(t, 'jiangsu_national', 'intake');
    const clerk = await signIn(t.app, 'js_intake');
    const queue = (await clerk.get('/api/review/queue?pageSize=100')).json();
    expect(queue.items.find((i: { id: string }) => i.id === a.id)).toMatchObject({ stage: { key: 'intake', kind: 'review' } });
    const intake = CHAINS.jiangsu_national.stages.find((s) => s.key === 'intake')!;
    const res = await clerk.post(`/api/review/applications/${a.id}/pass`, passBody('intake', okChecklist(intake)));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ stage: { key: 'province_formal' }, reviews: [{ reviewerOrgName: '江苏省科技企业孵化器协会' }] });
  });

  it('at an expert stage needs every assigned expert’s score sheet', async () => {
    const a = await applicationAtStage(t, 'liaoning_province', 'province_expert');
    const expert = CHAINS.liaoning_province.stages.find((s) => s.key === 'province_expert')!;
    const body = passBody('province_expert', okChecklist(expert));
    const none = await as.ln_reviewer!.post(`/api/review/applications/${a.id}/pass`, body);
    expect(none.statusCode).toBe(409);
    expect(none.json().error.message).toContain('专家评分尚未完成');
    const li = await userId('expert_li');
    await q(`insert into expert_assignments (application_id, stage_key, expert_user_id, declared_at) values ($1, 'province_expert', $2, now())`, [a.id, li]);
    expect((await as.ln_reviewer!.post(`/api/review/applications/${a.id}/pass`, body)).statusCode).toBe(409);
    await q(`update expert_assignments set submitted_at = now(), scores = '{}'::jsonb where application_id = $1`, [a.id]);
    const ok = await as.ln_reviewer!.post(`/api/review/applications/${a.id}/pass`, body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().stage.key).toBe('province_decision');
  });
});

describe('return and resubmit', () => {
  it('returns with comments and a due date; the applicant sees them, resubmits, and both see the diff', async () => {
    const a = await atCounty();
    const noComments = await as.cg_reviewer!.post(`/api/review/applications/${a.id}/return`, { ...returnBody(), itemComments: [] });
    expect(noComments.statusCode).toBe(400);
    expect(noComments.json().error.fields[0].field).toBe('body.itemComments');
    const past = await as.cg_reviewer!.post(`/api/review/applications/${a.id}/return`, { ...returnBody(), resubmitDueAt: new Date(Date.now() - DAY).toISOString() });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields[0].field).toBe('body.resubmitDueAt');

    const res = await as.cg_reviewer!.post(`/api/review/applications/${a.id}/return`, returnBody());
    expect(res.statusCode, res.body).toBe(200);
    // A filing goes back to its applicant: the page says so, and the applicant's operator is told.
    expect(res.json()).toMatchObject({ status: 'returned', reviser: { zh: '申请人' }, stage: { key: 'county_review' }, reviews: [{ outcome: 'return', itemComments: [{ field: 'basicInfo.teamTotal' }] }] });
    expect((await notificationsOf('op_cg_admin')).some((n) => n.title === '备案申请被退回修改' && n.body.includes('团队人数与证明材料不符'))).toBe(true);

    const op = a.operator;
    const rounds = (await op.get(`/api/review/applications/${a.id}/rounds`)).json();
    expect(rounds.lastReturn).toMatchObject({ stageKey: 'county_review', stageName: '县级初审', note: '团队人数与证明材料不符', itemComments: [{ comment: '请按劳动合同核实团队人数' }] });

    // The applicant edits, replaces a file, and resubmits through the applications endpoint.
    const detail = (await op.get(`/api/applications/${a.id}`)).json();
    const saved = await op.put(`/api/applications/${a.id}/dossier`, { revision: detail.revision, basicInfo: { ...detail.basicInfo, teamTotal: 11, contactMobile: '13711112222' } });
    expect(saved.statusCode, saved.body).toBe(200);
    // Any proof but the signed commitment (replacing that one withdraws the confirmation).
    const old = detail.attachments.find((f: { slotKey: string }) => f.slotKey !== 'applicant_commitment');
    expect((await op.delete(`/api/applications/${a.id}/attachments/${old.id}`)).statusCode).toBe(204);
    const file = await uploadFile(op, '更新后的证明.png', SAMPLE.png);
    expect((await op.post(`/api/applications/${a.id}/attachments`, { slotKey: old.slotKey, fileId: file.id })).statusCode).toBe(201);
    const resubmitted = await op.post(`/api/applications/${a.id}/resubmit`, { revision: saved.json().revision, note: '已按意见修改' });
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);

    const work = (await as.cg_reviewer!.get(`/api/review/applications/${a.id}`)).json();
    expect(work).toMatchObject({ status: 'in_review', round: 2, stage: { key: 'county_review' } });
    expect(work.diffs).toHaveLength(1);
    const diff = work.diffs[0];
    // The reviewer sees that the contact's mobile changed, masked both ways (SECURITY-CHECKLIST 18).
    expect(diff).toMatchObject({
      fromRound: 1,
      toRound: 2,
      basicInfo: [
        { field: 'contactMobile', before: '139****0002', after: '137****2222' },
        { field: 'teamTotal', before: 12, after: 11 },
      ],
      report: [],
    });
    expect(diff.attachments).toEqual([
      { slotKey: old.slotKey, change: 'removed', fileName: old.fileName, sha256: old.sha256 },
      { slotKey: old.slotKey, change: 'added', fileName: '更新后的证明.png', sha256: file.sha256 },
    ]);
    // The applicant's admin, who entered them, sees its own numbers in full.
    const own = (await op.get(`/api/review/applications/${a.id}/rounds`)).json().diffs;
    expect(own).toEqual([{ ...work.diffs[0], basicInfo: [{ field: 'contactMobile', before: '13900000002', after: '13711112222' }, work.diffs[0].basicInfo[1]] }]);
    // Outsiders do not read the rounds.
    expect((await as.yz_reviewer!.get(`/api/review/applications/${a.id}/rounds`)).statusCode).toBe(404);
    expect((await (await signIn(t.app, 'op_robot_admin')).get(`/api/review/applications/${a.id}/rounds`)).statusCode).toBe(404);
  });
});

describe('reject', () => {
  it('needs a reason, then rejects and tells the applicant', async () => {
    const a = await atCounty();
    const noReason = await as.cg_reviewer!.post(`/api/review/applications/${a.id}/reject`, { stageKey: 'county_review', note: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0].field).toBe('body.note');
    const res = await as.cg_reviewer!.post(`/api/review/applications/${a.id}/reject`, { stageKey: 'county_review', note: '场地证明系伪造' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rejected', reviews: [{ outcome: 'reject', note: '场地证明系伪造' }] });
    expect((await notificationsOf('op_cg_admin')).some((n) => n.title === '备案申请未通过' && n.body.includes('场地证明系伪造'))).toBe(true);
  });
});

describe('authorization matrix', () => {
  const actions: [string, (id: string) => [string, unknown]][] = [
    ['pass', (id) => [`/api/review/applications/${id}/pass`, passBody()]],
    ['return', (id) => [`/api/review/applications/${id}/return`, returnBody()]],
    ['reject', (id) => [`/api/review/applications/${id}/reject`, { stageKey: 'county_review', note: '不符合条件' }]],
    ['stage-due', (id) => [`/api/review/applications/${id}/stage-due`, { dueAt: new Date(Date.now() + 30 * DAY).toISOString(), reason: '需补充现场核查' }]],
    ['bulk-pass', (id) => ['/api/review/bulk-pass', { ...passBody(), callId: '', applicationIds: [id], expectedCount: 1 }]],
  ];
  const refusals: [string, number][] = [
    ['yz_reviewer', 404], // another county: out of jurisdiction
    ['ln_reviewer', 404], // another province
    ['xc_reviewer', 403], // the city governs the space but works another stage
    ['xc_admin', 403],
    ['op_cg_admin', 403], // the applicant
    ['expert_wang', 403],
    ['sysadmin', 403],
  ];

  it.each(actions)('%s: outsiders are refused and nothing changes', async (name, request) => {
    const a = await atCounty();
    const before = await fingerprint(a.id);
    for (const [who, status] of refusals) {
      const [url, body] = request(a.id);
      const payload = name === 'bulk-pass' ? { ...(body as object), callId: a.callId } : body;
      const res = await as[who]!.post(url, payload);
      // A bulk request names the ids a stage worker may not touch (409); other roles are refused outright.
      const expected = name === 'bulk-pass' && who.match(/^(yz|ln|xc)_/) ? 409 : status;
      expect(res.statusCode, `${who} ${name}: ${res.body}`).toBe(expected);
    }
    expect(await fingerprint(a.id)).toEqual(before);
  });

  it('the stage due date is the stage authority admin’s: the reviewer is refused', async () => {
    const a = await atCounty();
    const before = await fingerprint(a.id);
    const res = await as.cg_reviewer!.post(`/api/review/applications/${a.id}/stage-due`, { dueAt: new Date(Date.now() + 30 * DAY).toISOString(), reason: '需补充现场核查' });
    expect(res.statusCode).toBe(403);
    expect(await fingerprint(a.id)).toEqual(before);
  });
});

describe('bulk pass', () => {
  it('checks the confirmed count and every id, then passes all in one go', async () => {
    const apps = [await atCounty(), await atCounty(), await atCounty()];
    const callId = apps[0]!.callId;
    const ids = apps.map((a) => a.id);
    const body = { ...passBody(), callId, applicationIds: ids, expectedCount: 3 };
    const moved = await atCounty();
    await as.cg_reviewer!.post(`/api/review/applications/${moved.id}/pass`, passBody());
    const before = await Promise.all(ids.map(fingerprint));

    const miscount = await as.cg_reviewer!.post('/api/review/bulk-pass', { ...body, expectedCount: 2 });
    expect(miscount.statusCode).toBe(400);
    expect(miscount.json().error.fields[0].field).toBe('body.expectedCount');

    // One of them has moved on: nothing at all is passed, and the answer names it.
    const mixed = await as.cg_reviewer!.post('/api/review/bulk-pass', { ...body, applicationIds: [...ids, moved.id], expectedCount: 4 });
    expect(mixed.statusCode).toBe(409);
    expect(mixed.json().error.message).toContain(moved.id);
    expect(mixed.json().error.message).not.toContain(ids[0]);
    const incomplete = await as.cg_reviewer!.post('/api/review/bulk-pass', { ...body, checklist: okChecklist().slice(1) });
    expect(incomplete.statusCode).toBe(400);
    expect(await Promise.all(ids.map(fingerprint))).toEqual(before);

    const ok = await as.cg_reviewer!.post('/api/review/bulk-pass', body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ passed: 3, ids });
    const rows = await q<{ stage_key: string; reviews: number }>(
      `select stage_key, (select count(*)::int from stage_reviews r where r.application_id = a.id) as reviews from applications a where id = any($1::uuid[])`,
      [ids],
    );
    expect(rows).toEqual(ids.map(() => ({ stage_key: 'county_recommend', reviews: 1 })));
  });
});

describe('stage due dates', () => {
  it('the stage authority’s admin sets a new due date, audited, with the reminder rescheduled', async () => {
    const a = await atCounty();
    const past = await as.cg_admin!.post(`/api/review/applications/${a.id}/stage-due`, { dueAt: new Date(Date.now() - DAY).toISOString(), reason: '需补充现场核查' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields[0].field).toBe('body.dueAt');
    const dueAt = new Date(Date.now() + 40 * DAY);
    dueAt.setMilliseconds(0);
    const res = await as.cg_admin!.post(`/api/review/applications/${a.id}/stage-due`, { dueAt: dueAt.toISOString(), reason: '需补充现场核查' });
    expect(res.statusCode, res.body).toBe(200);
    expect(new Date(res.json().stage.dueAt).getTime()).toBe(dueAt.getTime());
    const audit = await q<{ detail: { dueAt: string; note: string } }>(`select detail from audit_log where object_id = $1 and action = 'review.extend_stage'`, [a.id]);
    expect(audit[0]!.detail).toMatchObject({ dueAt: dueAt.toISOString(), note: '需补充现场核查' });
    const jobs = await q<{ data: { dueAt: string } }>(`select data from pgboss.job where name = 'review.stage_due' and data->>'applicationId' = $1`, [a.id]);
    expect(jobs.map((j) => j.data.dueAt)).toContain(dueAt.toISOString());
  });

  it('the reminder job tells the stage’s workers once, and is stale once the stage or its date moved', async () => {
    const a = await atCounty();
    const [row] = await q<{ stage_due_at: Date }>('select stage_due_at from applications where id = $1', [a.id]);
    const payload = { applicationId: a.id, stageKey: 'county_review', dueAt: row!.stage_due_at.toISOString() };
    const count = async () => (await notificationsOf('cg_reviewer')).filter((n) => n.title.startsWith('备案申请办理即将到期') && n.link === `/app/review/${a.id}`).length;
    expect(await remindStageDue(t.ctx.db, { ...payload, dueAt: new Date(0).toISOString() })).toBe('stale');
    expect(await remindStageDue(t.ctx.db, payload)).toBe('sent');
    expect(await count()).toBe(1);
    expect(await remindStageDue(t.ctx.db, payload)).toBe('stale');
    expect(await count()).toBe(1);
    await as.cg_reviewer!.post(`/api/review/applications/${a.id}/pass`, passBody());
    expect(await remindStageDue(t.ctx.db, payload)).toBe('stale');
  });
});

describe('notification templates', () => {
  it('the authority admin rewords a notice (known placeholders only), it is used, and resets to the default', async () => {
    const list = await as.xc_admin!.get('/api/notification-templates');
    expect(list.statusCode, list.body).toBe(200);
    const passed = list.json().items.find((i: { key: string }) => i.key === 'stage.passed');
    expect(passed).toMatchObject({ default: { title: '备案申请已通过“{{stage}}”' }, own: null });

    const bad = await as.xc_admin!.put('/api/notification-templates/stage.passed', { title: '通过', body: '{{space}}已通过，{{amount}}' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('body.body');
    expect(bad.json().error.message).toContain('{{amount}}');
    const spaced = await as.xc_admin!.put('/api/notification-templates/stage.passed', { title: '{{ space }}通过', body: '{{note}}' });
    expect(spaced.statusCode).toBe(400);
    expect(spaced.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['body.title']);
    expect((await as.xc_admin!.put('/api/notification-templates/no.such', { title: 'x', body: 'y' })).statusCode).toBe(400);

    const saved = await as.xc_admin!.put('/api/notification-templates/stage.passed', { title: '【许昌】{{space}}通过{{stage}}', body: '请留意后续环节。{{note}}' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().items.find((i: { key: string }) => i.key === 'stage.passed').own).toMatchObject({ title: '【许昌】{{space}}通过{{stage}}' });
    const a = await atCounty();
    await as.cg_reviewer!.post(`/api/review/applications/${a.id}/pass`, passBody());
    expect((await notificationsOf('op_cg_admin')).map((n) => n.title)).toContain(`【许昌】${a.spaceName}通过县级初审`);

    const reset = await as.xc_admin!.delete('/api/notification-templates/stage.passed');
    expect(reset.statusCode).toBe(200);
    expect(reset.json().items.find((i: { key: string }) => i.key === 'stage.passed').own).toBeNull();
    const actions = await q<{ action: string }>(`select action from audit_log where action like 'notification_template.%' order by id`);
    expect(actions.map((r) => r.action)).toEqual(['notification_template.save', 'notification_template.reset']);
  });

  it('is refused to everyone but authority admins, and nothing changes', async () => {
    const a = await atCounty();
    const before = await fingerprint(a.id);
    for (const who of ['cg_reviewer', 'op_cg_admin', 'expert_wang', 'sysadmin'] as const) {
      expect((await as[who]!.get('/api/notification-templates')).statusCode).toBe(403);
      expect((await as[who]!.put('/api/notification-templates/stage.passed', { title: 'x', body: 'y' })).statusCode).toBe(403);
      expect((await as[who]!.delete('/api/notification-templates/stage.passed')).statusCode).toBe(403);
    }
    expect(await fingerprint(a.id)).toEqual(before);
  });
});
