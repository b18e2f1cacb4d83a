import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Agent } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { applicationAtStage, submitDemoApplication, uploadFile } from '../../../test/helpers/journey.ts';
import { stageOf } from '../../shared/chains.ts';
import { shanghaiDate } from '../documents/format.ts';
import { readZip } from '../documents/read-zip.test-helper.ts';

let t: TestApp;
const agents: Record<string, Agent> = {};
const as = (name: string) => agents[name]!;
const USERS = [
  'cg_admin', 'cg_reviewer', 'yz_admin', 'xc_admin', 'xc_reviewer', 'op_cg_admin', 'op_robot_admin', 'expert_wang',
  'nj_admin', 'nj_reviewer', 'sz_admin', 'js_intake', 'sy_admin', 'ln_reviewer', 'szgx_admin',
];

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  for (const u of USERS) agents[u] = await signIn(t.app, u);
});
afterAll(() => t.close());

const RECOMMEND = stageOf('xuchang_city', 'county_recommend')!;
const fullChecklist = (note = '已核实') => RECOMMEND.checklist.map((c) => ({ key: c.key, verdict: 'ok', note: `${c.label}：${note}` }));
const item = (applicationId: string) => ({ applicationId, checklist: fullChecklist() });

/** Everything a refused request must leave alone: batches, their items, applications, audit. */
async function fingerprint() {
  const [row] = await t.ctx.database.query(`
    select
      (select md5(coalesce(string_agg(r::text, ',' order by r::text), '')) from recommendations r) as batches,
      (select md5(coalesce(string_agg(i::text, ',' order by i::text), '')) from recommendation_items i) as items,
      (select md5(coalesce(string_agg(concat_ws('|', a.id, a.status, a.stage_key, a.revision), ',' order by a.id), '')) from applications a) as applications,
      (select count(*)::int from audit_log where action <> 'access.denied') as audit_rows`);
  return row;
}

const notified = async (username: string, title: string) =>
  (
    await t.ctx.database.query<{ n: number }>(
      `select count(*)::int as n from notifications n join users u on u.id = n.user_id where u.username = $1 and n.title like $2`,
      [username, `%${title}%`],
    )
  )[0]!.n;

const documentXml = (docx: Buffer) => readZip(docx).find((e) => e.name === 'word/document.xml')!.data.toString('utf8');
/** The text of document.xml without its markup (runs are split by formatting). */
const plain = (xml: string) => xml.replace(/<[^>]+>/g, '');

async function xuchangPair() {
  const a = await applicationAtStage(t, 'xuchang_city', 'county_recommend');
  const b = await applicationAtStage(t, 'xuchang_city', 'county_recommend');
  return [a, b] as const;
}

describe('recommendation batches (county recommendation, 许昌)', () => {
  it('lists the candidates the actor recommends, and nothing to others', async () => {
    const [a, b] = await xuchangPair();
    const res = await as('cg_reviewer').get(`/api/recommendations/candidates?callId=${a.callId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().stages.map((s: { key: string }) => s.key)).toEqual(['county_recommend']);
    const ids = res.json().items.map((i: { applicationId: string }) => i.applicationId);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(res.json().items.find((i: { applicationId: string }) => i.applicationId === a.id)).toMatchObject({ spaceName: a.spaceName, status: 'in_review', batch: null });
    // Other county, the city (which does not work the county stage): nothing.
    for (const u of ['yz_admin', 'xc_admin']) expect((await as(u).get(`/api/recommendations/candidates?callId=${a.callId}`)).json().items).toEqual([]);
    for (const u of ['op_cg_admin', 'expert_wang', 'js_intake']) expect((await as(u).get(`/api/recommendations/candidates?callId=${a.callId}`)).statusCode).toBe(403);
    expect((await as('cg_admin').get(`/api/recommendations/candidates?callId=00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
  });

  it('needs a verdict and a note on every checklist item for every application, naming the field', async () => {
    const [a, b] = await xuchangPair();
    const before = await fingerprint();
    const post = (items: unknown) => as('cg_reviewer').post('/api/recommendations', { callId: a.callId, stageKey: 'county_recommend', items });
    const fieldsOf = async (items: unknown) => {
      const res = await post(items);
      expect(res.statusCode, res.body).toBe(400);
      return res.json().error.fields.map((f: { field: string }) => f.field);
    };
    const emptyNote = fullChecklist().map((c, i) => (i === 1 ? { ...c, note: '  ' } : c));
    expect(await fieldsOf([item(a.id), { applicationId: b.id, checklist: emptyNote }])).toEqual(['body.items.1.checklist.1.note']);
    expect(await fieldsOf([item(a.id), { applicationId: b.id, checklist: fullChecklist().slice(1) }])).toEqual(['body.items.1.checklist']);
    expect(await fieldsOf([{ applicationId: a.id, checklist: [...fullChecklist(), { key: 'site_checked', verdict: 'ok', note: 'x' }] }])).toEqual(['body.items.0.checklist.2.key']);
    expect(await fieldsOf([{ applicationId: a.id, checklist: fullChecklist().map((c, i) => (i === 0 ? { ...c, verdict: 'problem' } : c)) }])).toEqual(['body.items.0.checklist.0.verdict']);
    expect(await fieldsOf([item(a.id), item(a.id)])).toEqual(['body.items.1.applicationId']);
    expect(await fieldsOf([])).toEqual(['body.items']);
    const missingVerdict = await post([{ applicationId: a.id, checklist: fullChecklist().map((c, i) => (i === 0 ? { key: c.key, note: c.note } : c)) }]);
    expect(missingVerdict.json().error.fields[0].field).toBe('body.items.0.checklist.0.verdict');
    expect((await post([{ ...item(a.id), extra: 1 }])).statusCode).toBe(400);
    expect((await as('cg_reviewer').post('/api/recommendations', { callId: a.callId, stageKey: 'county_review', items: [item(a.id)] })).json().error.fields[0].field).toBe('body.stageKey');
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses applications out of scope (404) or not waiting at the stage or already batched (409), naming them', async () => {
    const [a, b] = await xuchangPair();
    const early = await applicationAtStage(t, 'xuchang_city', 'county_review');
    const body = (items: unknown[]) => ({ callId: a.callId, stageKey: 'county_recommend', items });
    const before = await fingerprint();
    for (const u of ['yz_admin', 'xc_admin']) {
      const res = await as(u).post('/api/recommendations', body([item(a.id)]));
      expect(res.statusCode, u).toBe(404);
      expect(res.json().error.fields[0].field).toBe('body.items.0.applicationId');
    }
    for (const u of ['op_cg_admin', 'expert_wang', 'js_intake']) expect((await as(u).post('/api/recommendations', body([item(a.id)]))).statusCode).toBe(403);
    const notThere = await as('cg_reviewer').post('/api/recommendations', body([item(a.id), item(early.id)]));
    expect(notThere.statusCode).toBe(409);
    expect(notThere.json().error).toMatchObject({ fields: [{ field: 'body.items.1.applicationId' }] });
    expect(notThere.json().error.message).toContain(early.spaceName);
    expect(await fingerprint()).toEqual(before);

    expect((await as('cg_reviewer').post('/api/recommendations', body([item(a.id)]))).statusCode).toBe(201);
    const twice = await as('cg_admin').post('/api/recommendations', body([item(b.id), item(a.id)]));
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.fields[0].field).toBe('body.items.1.applicationId');
    expect(twice.json().error.message).toContain('已在另一推荐批次中');
    const candidates = (await as('cg_admin').get(`/api/recommendations/candidates?callId=${a.callId}`)).json().items;
    expect(candidates.find((c: { applicationId: string }) => c.applicationId === a.id).batch).toMatchObject({ status: 'draft' });
  });

  it('edits a draft with optimistic locking, and only the own organisation sees it', async () => {
    const [a, b] = await xuchangPair();
    const created = await as('cg_reviewer').post('/api/recommendations', { callId: a.callId, stageKey: 'county_recommend', items: [item(a.id)] });
    expect(created.statusCode, created.body).toBe(201);
    const batch = created.json();
    expect(batch).toMatchObject({ status: 'draft', revision: 1, recommender: { name: '长葛市科学技术局' }, nextStage: '市科技局审核', abilities: { edit: true, send: false } });
    expect((await as('cg_admin').get(`/api/recommendations/${batch.id}`)).json().abilities).toEqual({ edit: true, send: true });
    const edited = await as('cg_admin').put(`/api/recommendations/${batch.id}`, { revision: 1, letterNumber: '长科推〔2026〕3号', items: [item(b.id), item(a.id)] });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ revision: 2, letterNumber: '长科推〔2026〕3号' });
    expect(edited.json().items.map((i: { applicationId: string; position: number }) => [i.applicationId, i.position])).toEqual([[b.id, 1], [a.id, 2]]);
    const before = await fingerprint();
    const stale = await as('cg_reviewer').put(`/api/recommendations/${batch.id}`, { revision: 1, letterNumber: 'x' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details).toEqual({ currentRevision: 2 });
    for (const u of ['yz_admin', 'xc_admin', 'xc_reviewer', 'nj_admin']) {
      expect((await as(u).get(`/api/recommendations/${batch.id}`)).statusCode, u).toBe(404);
      expect((await as(u).put(`/api/recommendations/${batch.id}`, { revision: 2, letterNumber: 'x' })).statusCode, u).toBe(404);
      expect((await as(u).get(`/api/recommendations/${batch.id}/letter.docx`)).statusCode, u).toBe(404);
      expect((await as(u).post(`/api/recommendations/${batch.id}/send`, { revision: 2 })).statusCode, u).toBe(u.endsWith('admin') ? 404 : 403);
      expect((await as(u).get('/api/recommendations')).json().items.some((i: { id: string }) => i.id === batch.id)).toBe(false);
    }
    for (const u of ['op_cg_admin', 'expert_wang']) {
      expect((await as(u).get(`/api/recommendations/${batch.id}`)).statusCode).toBe(403);
      expect((await as(u).put(`/api/recommendations/${batch.id}`, { revision: 2 })).statusCode).toBe(403);
      expect((await as(u).post(`/api/recommendations/${batch.id}/documents`, { letterFileId: batch.id })).statusCode).toBe(403);
    }
    expect(await fingerprint()).toEqual(before);
    const list = (await as('cg_reviewer').get('/api/recommendations')).json();
    expect(list.items.find((i: { id: string }) => i.id === batch.id)).toMatchObject({ count: 2, status: 'draft', stageName: '县级书面推荐' });
  });

  it('writes the 推荐函 as an official letter: issuer, 文号, title, 主送 the city, the applications in order, date', async () => {
    const [a, b] = await xuchangPair();
    const batch = (await as('cg_reviewer').post('/api/recommendations', { callId: a.callId, stageKey: 'county_recommend', items: [item(b.id), item(a.id)] })).json();
    const res = await as('cg_reviewer').get(`/api/recommendations/${batch.id}/letter.docx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const text = plain(documentXml(res.rawPayload));
    const year = (await as('cg_admin').get(`/api/recommendations/${batch.id}`)).json().call.year;
    expect(text).toContain('长葛市科学技术局');
    expect(text).toContain('〔    〕号');
    expect(text).toContain(`关于推荐${year}年度市级众创空间备案的函`);
    expect(text).toContain('许昌市科学技术局：');
    expect(text.indexOf(b.spaceName)).toBeLessThan(text.indexOf(a.spaceName));
    expect(text).toContain('长葛市创新工场企业管理有限公司');
    expect(text).toContain('长葛市');
    expect(text).toContain('序号众创空间名称运营主体所在地区类别');
    expect(text).toContain(shanghaiDate(new Date()));
    expect(text).toContain('（盖章）');
    expect(text).not.toContain('主管部门信用承诺书');
    // The county stage asks for no authority commitment.
    expect((await as('cg_reviewer').get(`/api/recommendations/${batch.id}/commitment.docx`)).statusCode).toBe(409);
    const audited = await t.ctx.database.query(`select 1 from audit_log where action = 'recommendation.letter.download' and object_id = $1`, [batch.id]);
    expect(audited).toHaveLength(1);
  });

  it('sends a batch: admin only, with the signed letter; every application moves on and the city is told', async () => {
    const [a, b] = await xuchangPair();
    let batch = (await as('cg_reviewer').post('/api/recommendations', { callId: a.callId, stageKey: 'county_recommend', letterNumber: '长科推〔2026〕5号', items: [item(a.id), item(b.id)] })).json();
    let before = await fingerprint();
    expect((await as('cg_reviewer').post(`/api/recommendations/${batch.id}/send`, { revision: batch.revision })).statusCode).toBe(403);
    const noLetter = await as('cg_admin').post(`/api/recommendations/${batch.id}/send`, { revision: batch.revision });
    expect(noLetter.statusCode).toBe(409);
    expect(noLetter.json().error.fields[0].field).toBe('letterFileId');
    expect(await fingerprint()).toEqual(before);

    // Someone else's file cannot be linked; the county stage takes no commitment.
    const foreign = await uploadFile(as('op_cg_admin'), '推荐函.pdf');
    expect((await as('cg_reviewer').post(`/api/recommendations/${batch.id}/documents`, { letterFileId: foreign.id })).statusCode).toBe(404);
    const scan = await uploadFile(as('cg_reviewer'), '推荐函（盖章）.pdf');
    const noCommitment = await as('cg_reviewer').post(`/api/recommendations/${batch.id}/documents`, { commitmentFileId: scan.id });
    expect(noCommitment.json().error.fields[0].field).toBe('body.commitmentFileId');
    for (const u of ['yz_admin', 'xc_admin']) expect((await as(u).post(`/api/recommendations/${batch.id}/documents`, { letterFileId: scan.id })).statusCode).toBe(404);
    const linked = await as('cg_reviewer').post(`/api/recommendations/${batch.id}/documents`, { letterFileId: scan.id });
    expect(linked.statusCode, linked.body).toBe(200);
    batch = linked.json();
    expect(batch.letterFile).toMatchObject({ id: scan.id, name: '推荐函（盖章）.pdf' });

    before = await fingerprint();
    expect((await as('yz_admin').post(`/api/recommendations/${batch.id}/send`, { revision: batch.revision })).statusCode).toBe(404);
    expect((await as('cg_admin').post(`/api/recommendations/${batch.id}/send`, { revision: batch.revision - 1 })).statusCode).toBe(409);
    expect(await fingerprint()).toEqual(before);

    const arrivedBefore = await notified('xc_reviewer', '市科技局审核');
    const sent = await as('cg_admin').post(`/api/recommendations/${batch.id}/send`, { revision: batch.revision });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ status: 'sent', abilities: { edit: false, send: false } });
    for (const app of [a, b]) {
      const detail = (await as('xc_reviewer').get(`/api/applications/${app.id}`)).json();
      expect(detail).toMatchObject({ status: 'in_review', stage: { key: 'city_review' } });
    }
    expect(await notified('xc_reviewer', '市科技局审核')).toBe(arrivedBefore + 2);
    expect(await notified('op_cg_admin', '备案申请已获推荐')).toBeGreaterThanOrEqual(2);
    const audit = await t.ctx.database.query(`select action from audit_log where object_id = $1 order by id`, [batch.id]);
    expect(audit.map((r) => (r as { action: string }).action)).toEqual(expect.arrayContaining(['recommendation.create', 'recommendation.documents', 'recommendation.send']));
    // A sent batch is closed.
    expect((await as('cg_admin').post(`/api/recommendations/${batch.id}/send`, { revision: sent.json().revision })).statusCode).toBe(409);
    expect((await as('cg_admin').put(`/api/recommendations/${batch.id}`, { revision: sent.json().revision, letterNumber: 'x' })).statusCode).toBe(409);

    // Later stages and the applicant see the package and its scan; others do not.
    for (const u of ['xc_reviewer', 'op_cg_admin', 'cg_reviewer']) {
      const pkg = await as(u).get(`/api/recommendations/for-application/${a.id}`);
      expect(pkg.statusCode, u).toBe(200);
      expect(pkg.json().items).toEqual([
        expect.objectContaining({ id: batch.id, letterNumber: '长科推〔2026〕5号', recommender: { id: batch.recommender.id, name: '长葛市科学技术局' }, count: 2, position: 1 }),
      ]);
      const url = pkg.json().items[0].files[0].url;
      expect(url).toBe(`/api/recommendations/${batch.id}/files/${scan.id}`);
      expect((await as(u).get(url)).statusCode, u).toBe(200);
    }
    for (const u of ['yz_admin', 'op_robot_admin', 'expert_wang', 'nj_admin']) {
      expect((await as(u).get(`/api/recommendations/for-application/${a.id}`)).statusCode, u).toBe(404);
      expect((await as(u).get(`/api/recommendations/${batch.id}/files/${scan.id}`)).statusCode, u).toBe(404);
    }
    expect((await as('xc_reviewer').get(`/api/recommendations/${batch.id}/files/${foreign.id}`)).statusCode).toBe(404);
  });

  it('lets exactly one of two concurrent sends through', async () => {
    const [a, b] = await xuchangPair();
    const created = (await as('cg_admin').post('/api/recommendations', { callId: a.callId, stageKey: 'county_recommend', items: [item(a.id), item(b.id)] })).json();
    const scan = await uploadFile(as('cg_admin'), '推荐函.pdf');
    const batch = (await as('cg_admin').post(`/api/recommendations/${created.id}/documents`, { letterFileId: scan.id })).json();
    const results = await Promise.all([0, 1].map(() => as('cg_admin').post(`/api/recommendations/${batch.id}/send`, { revision: batch.revision })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const events = await t.ctx.database.query(`select count(*)::int as n from application_events where application_id = $1 and action = 'advance'`, [a.id]);
    expect(events[0]).toEqual({ n: 2 }); // the fixture's move to the stage, and one send
  });

  it('names the application that moved on meanwhile and sends nothing', async () => {
    const [a, b] = await xuchangPair();
    const created = (await as('cg_admin').post('/api/recommendations', { callId: a.callId, stageKey: 'county_recommend', items: [item(a.id), item(b.id)] })).json();
    const scan = await uploadFile(as('cg_admin'), '推荐函.pdf');
    const batch = (await as('cg_admin').post(`/api/recommendations/${created.id}/documents`, { letterFileId: scan.id })).json();
    await t.ctx.database.query(`update applications set stage_key = 'city_review' where id = $1`, [b.id]);
    const before = await fingerprint();
    const res = await as('cg_admin').post(`/api/recommendations/${batch.id}/send`, { revision: batch.revision });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain(b.spaceName);
    expect(await fingerprint()).toEqual(before);
  });
});

describe('recommendation with the authority commitment (江苏 → national)', () => {
  it('addresses the intake agency, prefills 附件5, and needs both scans before sending to intake', async () => {
    const submitted = await submitDemoApplication(t, 'jiangsu_national');
    const moved = await applicationAtStage(t, 'jiangsu_national', 'city_recommend');
    const cand = (await as('nj_reviewer').get(`/api/recommendations/candidates?callId=${submitted.callId}`)).json();
    expect(cand.stages[0]).toMatchObject({ key: 'city_recommend', documents: ['letter', 'authority_commitment'] });
    expect(cand.items.map((i: { applicationId: string; status: string }) => [i.applicationId, i.status])).toEqual(
      expect.arrayContaining([[submitted.id, 'submitted'], [moved.id, 'in_review']]),
    );
    // 苏州 and the 苏州高新区 committee do not hold 南京's spaces; intake does not recommend.
    for (const u of ['sz_admin', 'szgx_admin']) expect((await as(u).get(`/api/recommendations/candidates?callId=${submitted.callId}`)).json().items).toEqual([]);
    const stage = stageOf('jiangsu_national', 'city_recommend')!;
    const checklist = stage.checklist.map((c) => ({ key: c.key, verdict: 'ok', note: '经核查属实' }));
    const created = await as('nj_reviewer').post('/api/recommendations', {
      callId: submitted.callId,
      stageKey: 'city_recommend',
      letterNumber: '宁科推〔2026〕8号',
      items: [{ applicationId: submitted.id, checklist }, { applicationId: moved.id, checklist }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const letter = plain(documentXml((await as('nj_reviewer').get(`/api/recommendations/${id}/letter.docx`)).rawPayload));
    expect(letter).toContain('南京市科学技术局');
    expect(letter).toContain('宁科推〔2026〕8号');
    expect(letter).toContain('国家专业化众创空间备案的函');
    expect(letter).toContain('江苏省科技企业孵化器协会：');
    expect(letter).toContain('2. 主管部门信用承诺书');
    const commitment = plain(documentXml((await as('nj_reviewer').get(`/api/recommendations/${id}/commitment.docx`)).rawPayload));
    expect(commitment).toContain('主管部门信用承诺书');
    expect(commitment).toContain('主管部门（推荐单位）：南京市科学技术局');
    expect(commitment).toContain('本主管部门在审查推荐过程中，无违规推荐、审查不严等失信行为');
    expect(commitment).toContain(submitted.spaceName);
    expect(commitment).toContain(moved.spaceName);
    expect(commitment).toContain(shanghaiDate(new Date()));

    const letterScan = await uploadFile(as('nj_reviewer'), '推荐函.pdf');
    let batch = (await as('nj_reviewer').post(`/api/recommendations/${id}/documents`, { letterFileId: letterScan.id })).json();
    const noCommitment = await as('nj_admin').post(`/api/recommendations/${id}/send`, { revision: batch.revision });
    expect(noCommitment.statusCode).toBe(409);
    expect(noCommitment.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['commitmentFileId']);
    const commitmentScan = await uploadFile(as('nj_reviewer'), '主管部门信用承诺书.pdf');
    batch = (await as('nj_reviewer').post(`/api/recommendations/${id}/documents`, { commitmentFileId: commitmentScan.id })).json();
    const intakeBefore = await notified('js_intake', '受理单位受理');
    const sent = await as('nj_admin').post(`/api/recommendations/${id}/send`, { revision: batch.revision });
    expect(sent.statusCode, sent.body).toBe(200);
    for (const appId of [submitted.id, moved.id]) {
      const row = (await t.ctx.database.query(`select status, stage_key from applications where id = $1`, [appId]))[0];
      expect(row).toEqual({ status: 'in_review', stage_key: 'intake' });
    }
    expect(await notified('js_intake', '受理单位受理')).toBe(intakeBefore + 2);
    const pkg = (await as('js_intake').get(`/api/recommendations/for-application/${submitted.id}`)).json().items[0];
    expect(pkg.files.map((f: { kind: string }) => f.kind)).toEqual(['letter', 'commitment']);
    expect((await as('js_intake').get(pkg.files[1].url)).statusCode).toBe(200);
  });
});

describe('recommendation by a city (辽宁)', () => {
  it('addresses the province', async () => {
    const a = await applicationAtStage(t, 'liaoning_province', 'city_recommend');
    const stage = stageOf('liaoning_province', 'city_recommend')!;
    const body = { callId: a.callId, stageKey: 'city_recommend', items: [{ applicationId: a.id, checklist: stage.checklist.map((c) => ({ key: c.key, verdict: 'ok', note: '公示无异议' })) }] };
    // The province recommends its filed spaces to the national call, not at the city's stage.
    const byProvince = await as('ln_reviewer').post('/api/recommendations', body);
    expect(byProvince.statusCode, byProvince.body).toBe(404);
    const created = await as('sy_admin').post('/api/recommendations', body);
    expect(created.statusCode, created.body).toBe(201);
    const letter = plain(documentXml((await as('sy_admin').get(`/api/recommendations/${created.json().id}/letter.docx`)).rawPayload));
    expect(letter).toContain('沈阳市科学技术局');
    expect(letter).toContain('辽宁省科学技术厅：');
    expect(letter).toContain('省级专业化众创空间备案的函');
  });
});
