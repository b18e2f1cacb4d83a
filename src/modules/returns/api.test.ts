import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Agent } from '../../../test/helpers/agent.ts';
import { fileUpload, multipart, SAMPLE } from '../../../test/helpers/multipart.ts';
import { readZip } from '../documents/read-zip.test-helper.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { seedHistory } from '../../seed/history.ts';
import { markMissedReturns, missedInARow } from './missed.ts';
import { platformFigures, type PrefillSource } from './prefill.ts';
import { CATALOGUE_2026 } from './catalogue-2026.ts';

/**
 * A reporting round of statistics returns end to end through the API: the city opens it, every
 * filed space of the city gets a prefilled draft, the operator fills it against the checks, hands
 * it in, the county returns it, the operator fixes and resubmits, the county passes it and the city
 * accepts it with a released decision — and everyone outside is refused with nothing changed.
 */
let t: TestApp;
let xcAdmin: Agent;
let operator: Agent;
let otherOperator: Agent;
let outsider: Agent;
let roundId: string;
let returnId: string;
const q = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => t.ctx.database.query<T>(sql, params);

/** Every numeric indicator filled so that every check passes (money in 千元). */
const GOOD: Record<string, number | string | string[]> = {
  total_area: 2000, workstations: 120, workstation_area: 1000, public_area: 600, shared_equipment_value: 800,
  service_staff: 12, mentors: 10, mentors_fulltime: 4, mentors_parttime: 6,
  total_income: 5000, income_services: 2000, income_subsidy: 1000, income_rent: 1500, income_investment: 500, operating_cost: 4000, tax_relief: 100,
  teams_served: 30, team_members: 120, startups_served: 20, startup_jobs: 300, startup_jobs_graduates: 60,
  founders_student: 15, founders_researcher: 10, founders_returnee: 3, founders_executive: 2, founders_foreign: 1, founders_serial: 5, agreements: 40,
  new_registered: 12, valid_ip: 50, invention_patents: 8, listed_companies: 1,
  invested_count: 6, investment_total: 20000, investment_social: 15000, investment_own: 2000, angel_fund_size: 10000,
  service_types: ['workspace', 'mentoring'], activities: 24, trainings: 12, international_projects: 0,
};

async function returnRow(id: string) {
  return (await q<{ status: string; stage_key: string | null; values: Record<string, unknown>; revision: number }>(
    `select a.status, a.stage_key, v.values, v.revision from applications a join return_values v on v.submission_id = a.id where a.id = $1`,
    [id],
  ))[0]!;
}

/** The kept `return_state_counts` rows that differ from a count of the returns themselves (none when kept right). */
async function keptCountsOff() {
  return q(
    `with counted as (
       select rv.call_id, p.code as region_code, return_state(a.status, rv.missed_at) as state, count(*)::int as n
         from return_values rv join applications a on a.id = rv.submission_id join spaces s on s.id = rv.space_id
         join regions r on r.code = s.region_code cross join lateral unnest(string_to_array(r.path, '/')) as p(code)
        group by 1, 2, 3),
     kept as (select call_id, region_code, state, n from return_state_counts where n <> 0)
     (select 'kept' as side, * from kept except select 'kept', * from counted)
     union all
     (select 'counted', * from counted except select 'counted', * from kept)`,
  );
}

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  await seedHistory(t.ctx.db, t.config, { servicePlatform: false });
  [xcAdmin, operator, otherOperator, outsider] = await Promise.all([signIn(t.app, 'xc_admin'), signIn(t.app, 'cg_zhineng'), signIn(t.app, 'yz_qingnian'), signIn(t.app, 'sy_admin')]);
}, 300_000);
afterAll(() => t.close());

describe('opening a round', () => {
  it('refuses operators and a county (403) and opens nothing', async () => {
    const catalogues = (await xcAdmin.get('/api/returns/catalogues')).json().items as { id: string; year: number }[];
    const chainId = (await q<{ id: string }>(`select id from chains where key = 'annual_return_city'`))[0]!.id;
    // The demo's history opened 许昌's rounds for last year and this year (Asia/Shanghai).
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    const body = { cadence: 'annual', period: String(year), dueAt: new Date(Date.now() + 20 * 86_400_000).toISOString(), catalogueId: catalogues[0]!.id, chainId };
    const rounds = async () => (await q<{ n: number }>(`select count(*)::int as n from return_rounds`))[0]!.n;
    const before = await rounds();
    for (const who of [operator, await signIn(t.app, 'cg_admin')]) expect((await who.post('/api/returns/rounds', body)).statusCode).toBe(403);
    expect(await rounds()).toBe(before);
    const badPeriod = await xcAdmin.post('/api/returns/rounds', { ...body, period: `${year}Q1` });
    expect(badPeriod.statusCode).toBe(400);
    expect(badPeriod.json().error.fields[0].field).toBe('body.period');
    // Neither 许昌 nor its province may open another round for this year.
    const twice = await xcAdmin.post('/api/returns/rounds', body);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.fields[0].field).toBe('body.period');
    expect(twice.json().error.message).toContain('不能重复开启');
    expect(await rounds()).toBe(before);
    const opened = await xcAdmin.post('/api/returns/rounds', { ...body, period: String(year + 1) });
    expect(opened.statusCode, opened.body).toBe(201);
    roundId = opened.json().id;
    const filed = await q<{ n: number }>(
      `select count(distinct s.id)::int as n from spaces s join regions r on r.code = s.region_code join filings f on f.space_id = s.id and f.status = 'active' where r.path like '000000/410000/411000/%'`,
    );
    expect(opened.json().enrolled).toBe(filed[0]!.n);
    expect(filed[0]!.n).toBeGreaterThan(0);
  });

  it('gives the operator a draft prefilled from the registry, with the platform figures beside it', async () => {
    const mine = (await operator.get('/api/returns/mine')).json().items as { id: string; state: string; call: { id: string } }[];
    const own = mine.find((m) => m.call.id === roundId)!;
    expect(own.state).toBe('draft');
    returnId = own.id;
    const detail = (await operator.get(`/api/returns/${returnId}`)).json();
    expect(detail.values.operator_name).toBeTruthy();
    expect(detail.values.filing_level).toBe('city');
    expect(detail.catalogue.definition.indicators.find((i: { code: string }) => i.code === 'total_income').unit).toBe('千元');
    expect(detail.abilities).toEqual({ edit: true, submit: true, resubmit: false, reopen: false });
    // The operator's workbench names the draft, its round and due date, and opens its form.
    const todos = (await operator.get('/api/workbench')).json().todos as { kind: string; items: { id: string; detail: string; link: string }[] }[];
    expect(todos.find((td) => td.kind === 'statistics_returns')!.items).toContainEqual(expect.objectContaining({ id: returnId, link: `/app/returns/${returnId}` }));
    expect(((await xcAdmin.get('/api/workbench')).json().todos as { kind: string }[]).some((td) => td.kind === 'statistics_returns')).toBe(false);
    // The round is not a filing call: no public listing.
    const portal = await t.app.inject({ method: 'GET', url: '/api/portal/calls?pageSize=50' });
    expect(portal.json().items.map((c: { id: string }) => c.id)).not.toContain(roundId);
  });
});

describe('outsiders are refused and nothing changes', () => {
  it('on every endpoint', async () => {
    const before = await returnRow(returnId);
    for (const who of [otherOperator, outsider]) {
      expect((await who.get(`/api/returns/${returnId}`)).statusCode).toBe(404);
      expect((await who.post(`/api/returns/${returnId}/check`, { values: {} })).statusCode).toBe(404);
    }
    expect((await otherOperator.put(`/api/returns/${returnId}`, { revision: before.revision, values: GOOD, notes: {} })).statusCode).toBe(404);
    expect((await otherOperator.post(`/api/returns/${returnId}/submit`, { revision: before.revision })).statusCode).toBe(404);
    expect((await outsider.put(`/api/returns/${returnId}`, { revision: before.revision, values: GOOD, notes: {} })).statusCode).toBe(403);
    expect((await outsider.get(`/api/returns/rounds/${roundId}/progress`)).statusCode).toBe(404);
    expect(((await outsider.get('/api/returns/rounds')).json().items as { id: string }[]).map((i) => i.id)).not.toContain(roundId);
    expect((await operator.get('/api/returns/rounds')).statusCode).toBe(403);
    expect((await operator.get(`/api/returns/rounds/${roundId}/progress`)).statusCode).toBe(403);
    expect((await xcAdmin.get('/api/returns/mine')).statusCode).toBe(403);
    expect(await returnRow(returnId)).toEqual(before);
  });
});

describe('filling, checking and the chain', () => {
  it('checks unsaved values live, and refuses a submission with errors naming the fields', async () => {
    const checked = await operator.post(`/api/returns/${returnId}/check`, { values: { ...GOOD, team_members: 10 } });
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json().findings.map((f: { rule: string; severity: string; fields: string[] }) => `${f.rule} ${f.severity} ${f.fields[0]}`)).toContain('R2 error teams_served');
    const bad = await operator.put(`/api/returns/${returnId}`, { revision: (await returnRow(returnId)).revision, values: { ...GOOD, nope: 1 }, notes: {} });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['body.values.nope']);
    const saved = await operator.put(`/api/returns/${returnId}`, { revision: (await returnRow(returnId)).revision, values: { ...GOOD, operator_name: '长葛智能装备空间', team_members: 10 }, notes: {} });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await returnRow(returnId)).values.total_income).toBe(5_000_000);
    const refused = await operator.post(`/api/returns/${returnId}/submit`, { revision: saved.json().revision });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.map((f: { field: string }) => f.field)).toContain('values.teams_served');
    expect((await returnRow(returnId)).status).toBe('draft');
  });

  it('compares key indicators with the space’s last accepted return (R10), not with a later one still in review', async () => {
    // The demo's history: 长葛 reported 20 activities last year (accepted) and 23 this year (at the county).
    const r10 = async (activities: number) =>
      ((await operator.post(`/api/returns/${returnId}/check`, { values: { ...GOOD, activities } })).json().findings as { rule: string; fields: string[]; message: string }[]).filter(
        (f) => f.rule === 'R10' && f.fields[0] === 'activities',
      );
    // 30 is +50 % on the accepted 20 (no warning); 31 is +55 % on it, though only +35 % on the 23 in review.
    expect(await r10(30)).toEqual([]);
    expect((await r10(31)).map((f) => f.message)).toEqual([expect.stringContaining('上年20场')]);
  });

  it('imports the Torch layout: bad cells named by sheet, row and column with nothing saved, then a good file whole', async () => {
    const workbookOf = async (rows: [string, string, string, unknown][]) => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('统计报表');
      sheet.addRow(['指标代码', '指标名称', '计量单位', '数值']);
      for (const r of rows) sheet.addRow(r);
      return Buffer.from(await book.xlsx.writeBuffer());
    };
    const send = async (who: Agent, data: Buffer, revision: number) => {
      const { payload, headers } = multipart([{ name: 'revision', data: String(revision) }, { name: 'file', filename: 'r.xlsx', data }]);
      return who.post(`/api/returns/${returnId}/import`, payload, { headers });
    };
    const before = await returnRow(returnId);
    const bad = await send(operator, await workbookOf([['total_income', '总收入', '千元', 'abc'], ['nope', '？', '', 1], ['activities', '举办创新创业活动', '场', 30]]), before.revision);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['统计报表!D2', '统计报表!A3']);
    expect(await returnRow(returnId)).toEqual(before);
    expect((await send(otherOperator, await workbookOf([['activities', '', '', 30]]), before.revision)).statusCode).toBe(404);
    expect(await returnRow(returnId)).toEqual(before);
    const good = await send(operator, await workbookOf([['total_income', '总收入', '千元', 6000.5], ['service_types', '', '', '工位与场地,创业辅导'], ['activities', '', '', 30]]), before.revision);
    expect(good.statusCode, good.body).toBe(200);
    const after = await returnRow(returnId);
    expect(after.values).toEqual({ total_income: 6_000_500, service_types: ['workspace', 'mentoring'], activities: 30 });
  });

  it('asks a note for an overridden platform figure (R12) and then submits into the chain', async () => {
    // The platform counted 28 teams; the filer reports 30.
    await q(`update return_values set platform = '{"teams_served": 28}'::jsonb where submission_id = $1`, [returnId]);
    const saved = await operator.put(`/api/returns/${returnId}`, { revision: (await returnRow(returnId)).revision, values: { ...GOOD, operator_name: '长葛智能装备空间' }, notes: {} });
    expect(saved.json().platform.teams_served).toBe(28);
    const warning = saved.json().findings.find((f: { rule: string }) => f.rule === 'R12');
    expect(warning.fields).toEqual(['teams_served']);
    const refused = await operator.post(`/api/returns/${returnId}/submit`, { revision: saved.json().revision });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual([expect.objectContaining({ field: `notes.${warning.key}` })]);
    const noted = await operator.put(`/api/returns/${returnId}`, { revision: saved.json().revision, values: { ...GOOD, operator_name: '长葛智能装备空间' }, notes: { [warning.key]: '两个团队年中入驻，尚未在平台登记' } });
    const submitted = await operator.post(`/api/returns/${returnId}/submit`, { revision: noted.json().revision });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().status).toBe('submitted');
    expect(submitted.json().stage.key).toBe('county_check');
    expect((await operator.put(`/api/returns/${returnId}`, { revision: submitted.json().revision, values: GOOD, notes: {} })).statusCode).toBe(409);
  });

  it('is returned by the county, fixed and resubmitted, passed, and accepted by the city', async () => {
    const county = await signIn(t.app, 'cg_reviewer');
    const seen = (await county.get(`/api/returns/${returnId}`)).json();
    expect(seen.notes).toEqual(expect.objectContaining({}));
    expect(seen.findings.some((f: { rule: string }) => f.rule === 'R12')).toBe(true);
    const checklist = [
      { key: 'figures_plausible', verdict: 'ok', note: '数据已核对' },
      { key: 'warnings_explained', verdict: 'ok', note: '差异已说明' },
    ];
    const returned = await county.post(`/api/review/applications/${returnId}/return`, {
      stageKey: 'county_check',
      note: '请核实创业导师人数',
      itemComments: [{ field: 'values.mentors', comment: '与备案材料不一致' }],
      resubmitDueAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
    });
    expect(returned.statusCode, returned.body).toBe(200);
    const back = (await operator.get(`/api/returns/${returnId}`)).json();
    expect(back.abilities.resubmit).toBe(true);
    const fixed = await operator.put(`/api/returns/${returnId}`, { revision: back.revision, values: { ...GOOD, mentors: 11, mentors_parttime: 7 }, notes: back.notes });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const resubmitted = await operator.post(`/api/returns/${returnId}/submit`, { revision: fixed.json().revision });
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    expect(resubmitted.json().status).toBe('in_review');
    expect(resubmitted.json().stage.key).toBe('county_check');
    // The county sees what the second round changed, in the catalogue's units.
    const diff = (await county.get(`/api/returns/${returnId}`)).json().diffs;
    expect(diff).toHaveLength(1);
    expect(diff[0].changes.filter((c: { field: string }) => c.field.startsWith('values.'))).toEqual([
      { field: 'values.mentors', before: 10, after: 11 },
      { field: 'values.mentors_parttime', before: 6, after: 7 },
      // The fix sent only GOOD's figures: the prefilled name it left out shows as removed.
      { field: 'values.operator_name', before: '长葛智能装备空间', after: null },
    ]);

    const passed = await county.post(`/api/review/applications/${returnId}/pass`, { stageKey: 'county_check', checklist, note: '同意报送' });
    expect(passed.statusCode, passed.body).toBe(200);
    const decided = await xcAdmin.post('/api/decisions', { applicationId: returnId, stageKey: 'city_accept', outcome: 'approve', reason: '数据合理', checklist: [{ key: 'accepted', verdict: 'ok', note: '同意' }] });
    expect(decided.statusCode, decided.body).toBe(201);
    const released = await xcAdmin.post('/api/decisions/release', {
      callId: roundId,
      stageKey: 'city_accept',
      decisionIds: [decided.json().id],
      expectedCount: 1,
      title: '2026年度统计报表审定',
      documentNumber: '许科〔2026〕120号',
      issuedOn: '2026-12-03',
    });
    expect(released.statusCode, released.body).toBe(201);
    const accepted = (await operator.get(`/api/returns/${returnId}`)).json();
    expect(accepted.status).toBe('filed');
    // The operator is told its return was accepted, not that a space was filed.
    const told = await q<{ body: string }>('select body from notifications where link = $1', [`/app/returns/${returnId}`]);
    expect(told.some((n) => n.body.endsWith('审核通过'))).toBe(true);
    expect(told.some((n) => n.body.includes('准予备案'))).toBe(false);
    expect(accepted.acceptedAt).not.toBeNull();
    expect(accepted.abilities).toEqual({ edit: false, submit: false, resubmit: false, reopen: false });
    expect((await xcAdmin.get(`/api/returns/${returnId}`)).json().abilities.reopen).toBe(true);
    // An accepted return gives no filing.
    expect((await q<{ n: number }>(`select count(*)::int as n from filings where application_id = $1`, [returnId]))[0]!.n).toBe(0);
  });

  it('exports the return in Torch layout (code, label, unit, value in 千元) that reads back', async () => {
    const res = await xcAdmin.get(`/api/returns/${returnId}/return.xlsx`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('统计报表')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '指标代码', '指标名称', '计量单位', '数值', '平台数据']);
    const rows = new Map<string, unknown[]>();
    sheet.eachRow((row, n) => void (n > 1 && rows.set(String(row.getCell(1).value), row.values as unknown[])));
    expect(rows.get('total_income')!.slice(2, 5)).toEqual(['总收入', '千元', 5000]);
    expect(rows.get('teams_served')!.slice(4, 6)).toEqual([30, 28]);
    expect((await otherOperator.get(`/api/returns/${returnId}/return.xlsx`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/returns/${returnId}/return.xlsx`)).statusCode).toBe(404);
  });

  it('gives a Word cover for signature and stamp with the space and its key figures, to those who may read the return', async () => {
    const res = await operator.get(`/api/returns/${returnId}/cover.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const xml = readZip(res.rawPayload).find((e) => e.name === 'word/document.xml')!.data.toString('utf8');
    const detail = (await operator.get(`/api/returns/${returnId}`)).json();
    expect(xml).toContain(detail.space.name);
    expect(xml).toContain('单位（盖章）');
    expect(xml).toContain('举办创新创业活动');
    expect((await xcAdmin.get(`/api/returns/${returnId}/cover.docx`)).statusCode).toBe(200);
    expect((await otherOperator.get(`/api/returns/${returnId}/cover.docx`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/returns/${returnId}/cover.docx`)).statusCode).toBe(404);
  });

  it('takes the stamped cover scan back from the operator only, PDF or JPEG, and shows it to the reviewers', async () => {
    const upload = async (who: Agent, name: string, data: Buffer) => {
      const { payload, headers } = fileUpload(name, data);
      const res = await who.post('/api/files', payload, { headers });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const cover = async () => (await q<{ cover_file_id: string | null }>(`select cover_file_id from return_values where submission_id = $1`, [returnId]))[0]!.cover_file_id;
    const sheet = await upload(operator, 'cover.xlsx', SAMPLE.xlsx);
    const wrong = await operator.put(`/api/returns/${returnId}/cover-scan`, { fileId: sheet });
    expect(wrong.statusCode).toBe(415);
    expect(wrong.json().error.fields[0].field).toBe('body.fileId');
    const scan = await upload(operator, '封面盖章.pdf', SAMPLE.pdf);
    const foreign = await upload(otherOperator, 'theirs.pdf', SAMPLE.pdf);
    expect((await otherOperator.put(`/api/returns/${returnId}/cover-scan`, { fileId: foreign })).statusCode).toBe(404);
    expect((await xcAdmin.put(`/api/returns/${returnId}/cover-scan`, { fileId: scan })).statusCode).toBe(403);
    expect((await operator.put(`/api/returns/${returnId}/cover-scan`, { fileId: foreign })).statusCode).toBe(404);
    expect((await xcAdmin.get(`/api/returns/${returnId}/cover-scan/download`)).statusCode).toBe(404);
    expect(await cover()).toBeNull();
    const ok = await operator.put(`/api/returns/${returnId}/cover-scan`, { fileId: scan });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().coverScan).toEqual({ id: scan, name: '封面盖章.pdf', kind: 'pdf' });
    expect((await xcAdmin.get(`/api/returns/${returnId}`)).json().coverScan.id).toBe(scan);
    const got = await xcAdmin.get(`/api/returns/${returnId}/cover-scan/download`);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    expect((await otherOperator.get(`/api/returns/${returnId}/cover-scan/download`)).statusCode).toBe(404);
  });

  it('counts the round by region and state for the authority', async () => {
    const rounds = (await xcAdmin.get('/api/returns/rounds')).json().items as { id: string; own: boolean; counts: Record<string, number> }[];
    const own = rounds.find((r) => r.id === roundId)!;
    expect(own.own).toBe(true);
    expect(own.counts.filed).toBe(1);
    const progress = (await xcAdmin.get(`/api/returns/rounds/${roundId}/progress`)).json().items as { regionName: string; counts: Record<string, number> }[];
    expect(progress.reduce((s, r) => s + r.counts.filed!, 0)).toBe(1);
    const county = (await (await signIn(t.app, 'yz_admin')).get(`/api/returns/rounds/${roundId}/progress`)).json().items as { regionCode: string }[];
    expect(county.every((r) => r.regionCode === '411081')).toBe(true);
    // The rounds list's counts are kept by triggers: equal to counting the returns.
    expect(await keptCountsOff()).toEqual([]);
    const byState = (items: { counts: Record<string, number> }[]) => items.reduce((m, r) => { for (const [k, v] of Object.entries(r.counts)) m[k] = (m[k] ?? 0) + v; return m; }, {} as Record<string, number>);
    expect(own.counts).toEqual({ ...Object.fromEntries(Object.keys(own.counts).map((k) => [k, 0])), ...byState(progress) });
  });

  it('keeps the rounds list\'s counts when a space moves to another district', async () => {
    const [space] = await q<{ id: string; region_code: string }>(`select s.id, s.region_code from spaces s join return_values rv on rv.space_id = s.id where rv.call_id = $1 order by s.name limit 1`, [roundId]);
    const countyCounts = async (username: string) => ((await (await signIn(t.app, username)).get('/api/returns/rounds')).json().items as { id: string; counts: Record<string, number> }[]).find((r) => r.id === roundId)?.counts;
    const total = (c: Record<string, number> | undefined) => Object.values(c ?? {}).reduce((a, b) => a + b, 0);
    const [from, to] = space!.region_code === '411082' ? ['cg_admin', 'yz_admin'] : ['yz_admin', 'cg_admin'];
    const [fromBefore, toBefore] = [total(await countyCounts(from)), total(await countyCounts(to))];
    const other = space!.region_code === '411082' ? '411081' : '411082';
    await q(`update spaces set region_code = $1 where id = $2`, [other, space!.id]);
    expect(await keptCountsOff()).toEqual([]);
    expect([total(await countyCounts(from)), total(await countyCounts(to))]).toEqual([fromBefore - 1, toBefore + 1]);
    await q(`update spaces set region_code = $1 where id = $2`, [space!.region_code, space!.id]);
    expect(await keptCountsOff()).toEqual([]);
  });

  it('sums one indicator of the accepted returns by region in the catalogue unit, for the round chart', async () => {
    const figures = async (who: Agent, code?: string) => who.get(`/api/returns/rounds/${roundId}/figures${code ? `?code=${code}` : ''}`);
    const first = (await figures(xcAdmin)).json();
    // Without a code: the catalogue's first key indicator.
    expect(first.indicator).toEqual({ code: 'total_area', label: '众创空间总面积', labelEn: 'Total area', unit: '平方米' });
    expect(first.indicators.map((i: { code: string }) => i.code)).toContain('investment_total');
    expect(first.indicators.map((i: { code: string }) => i.code)).not.toContain('operator_name');
    expect(first.items).toEqual([expect.objectContaining({ returns: 1, reported: 1, total: 2000 })]);
    // Money comes back in 千元, as entered, though stored in 元.
    const income = (await figures(xcAdmin, 'total_income')).json();
    expect([income.indicator.unit, income.items[0].total]).toEqual(['千元', 5000]);
    for (const code of ['operator_name', 'nope']) {
      const bad = await figures(xcAdmin, code);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields[0].field).toBe('querystring.code');
    }
    // 禹州 holds none of the accepted spaces; 沈阳 and the operator get nothing.
    expect((await figures(await signIn(t.app, 'yz_admin'))).json().items).toEqual([]);
    expect((await figures(outsider)).statusCode).toBe(404);
    expect((await figures(operator)).statusCode).toBe(403);
  });

  it('exports the round’s accepted returns as one workbook for submission upward, each jurisdiction its own spaces', async () => {
    const read = async (res: { statusCode: number; rawPayload: Buffer }) => {
      expect(res.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      return book;
    };
    const book = await read(await xcAdmin.get(`/api/returns/rounds/${roundId}/accepted.xlsx`));
    const sheet = book.getWorksheet('汇总')!;
    const header = sheet.getRow(1).values as unknown[];
    expect(header.slice(1, 3)).toEqual(['所在地区', '众创空间']);
    const income = header.indexOf('总收入（千元）');
    expect(income).toBeGreaterThan(2);
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(income).value).toBe(5000);
    // The codes, in column order, on the second sheet.
    expect(book.getWorksheet('指标说明')!.getRow(2).getCell(1).value).toBe(CATALOGUE_2026.indicators[0]!.code);
    // 禹州 holds none of the accepted spaces; 沈阳 and the operator get nothing.
    expect((await read(await (await signIn(t.app, 'yz_admin')).get(`/api/returns/rounds/${roundId}/accepted.xlsx`))).getWorksheet('汇总')!.rowCount).toBe(1);
    expect((await outsider.get(`/api/returns/rounds/${roundId}/accepted.xlsx`)).statusCode).toBe(404);
    expect((await operator.get(`/api/returns/rounds/${roundId}/accepted.xlsx`)).statusCode).toBe(403);
  });
});

describe('missed returns', () => {
  it('marks the drafts left at the due date missed once, counts the run per space and tells both sides', async () => {
    const drafts = await q<{ id: string; space_id: string }>(`select a.id, a.space_id from applications a where a.call_id = $1 and a.status = 'draft'`, [roundId]);
    expect(drafts.length).toBeGreaterThan(0);
    const later = new Date(Date.now() + 30 * 86_400_000);
    const before = await missedInARow(t.ctx.db, drafts.map((d) => d.space_id));
    expect(await markMissedReturns(t.ctx.db, { callId: roundId }, later)).toBe(drafts.length);
    const run = await missedInARow(t.ctx.db, drafts.map((d) => d.space_id));
    expect(await markMissedReturns(t.ctx.db, { callId: roundId }, later)).toBe(0);
    for (const d of drafts) expect(run.get(d.space_id)!.annual).toBe(before.get(d.space_id)!.annual + 1);
    expect(await missedInARow(t.ctx.db, drafts.map((d) => d.space_id))).toEqual(run);
    const accepted = await q<{ space_id: string }>(`select space_id from applications where id = $1`, [returnId]);
    expect((await missedInARow(t.ctx.db, [accepted[0]!.space_id])).get(accepted[0]!.space_id)).toEqual({ annual: 0, quarterly: 0, monthly: 0 });
    const progress = (await xcAdmin.get(`/api/returns/rounds/${roundId}/progress`)).json().items as { counts: Record<string, number> }[];
    expect(progress.reduce((s, r) => s + r.counts.missed!, 0)).toBe(drafts.length);
    expect(await keptCountsOff()).toEqual([]);
    const told = await q<{ n: number }>(`select count(*)::int as n from notifications where title = '统计报表逾期未报'`);
    expect(told[0]!.n).toBeGreaterThan(0);
  });
});

describe('prefill sources', () => {
  it('maps each source key onto the indicators that name it', async () => {
    const source: PrefillSource = async (_db, ids) => new Map(ids.map((id) => [id, { 'roster.teamsServed': 7, 'roster.investmentYuan': 1_500_000, 'roster.unknown': 3 }]));
    const figures = await platformFigures(t.ctx.db, CATALOGUE_2026, ['s1'], { from: new Date(), to: new Date() }, [source]);
    expect(figures.get('s1')).toEqual({ teams_served: 7, investment_total: 1_500_000 });
  });
});

describe('reopening an accepted return', () => {
  const reason = '省厅抽查发现从业人员数与社保记录不符，请核实后重报';
  const state = async () => ({
    row: await returnRow(returnId),
    accepted: (await q<{ accepted_at: Date | null }>(`select accepted_at from return_values where submission_id = $1`, [returnId]))[0]!.accepted_at,
    decisions: await q<{ status: string; superseded_by: string | null }>(`select status, superseded_by from decisions where application_id = $1 order by decided_at`, [returnId]),
    entries: await q<{ status: string; removed_reason: string | null }>(`select status, removed_reason from filing_list_entries where application_id = $1 order by changed_at nulls last, id`, [returnId]),
  });
  const reopen = (who: Agent, id: string, body: unknown) => who.post(`/api/returns/${id}/reopen`, body);
  const acceptAgain = async (number: string) => {
    const county = await signIn(t.app, 'cg_reviewer');
    const checklist = [
      { key: 'figures_plausible', verdict: 'ok', note: '已核实' },
      { key: 'warnings_explained', verdict: 'ok', note: '已说明' },
    ];
    expect((await county.post(`/api/review/applications/${returnId}/pass`, { stageKey: 'county_check', checklist, note: '核实无误' })).statusCode).toBe(200);
    const decided = await xcAdmin.post('/api/decisions', { applicationId: returnId, stageKey: 'city_accept', outcome: 'approve', reason: '更正后数据合理', checklist: [{ key: 'accepted', verdict: 'ok', note: '同意' }] });
    expect(decided.statusCode, decided.body).toBe(201);
    const released = await xcAdmin.post('/api/decisions/release', { callId: roundId, stageKey: 'city_accept', decisionIds: [decided.json().id], expectedCount: 1, title: '统计报表更正审定', documentNumber: number, issuedOn: '2026-12-04' });
    expect(released.statusCode, released.body).toBe(201);
  };

  it('refuses outsiders, the operator, reviewers and a county admin below the accepting city, with nothing changed', async () => {
    const before = await state();
    expect(before.row.status).toBe('filed');
    expect((await reopen(outsider, returnId, { reason })).statusCode).toBe(404);
    for (const who of [operator, otherOperator, await signIn(t.app, 'xc_reviewer'), await signIn(t.app, 'cg_admin')]) expect((await reopen(who, returnId, { reason })).statusCode).toBe(403);
    expect((await operator.get(`/api/returns/${returnId}`)).json().abilities.reopen).toBe(false);
    expect((await (await signIn(t.app, 'cg_admin')).get(`/api/returns/${returnId}`)).json().abilities.reopen).toBe(false);
    expect(await state()).toEqual(before);
  });

  it('asks a reason of 5 to 1000 characters, naming body.reason, with nothing changed', async () => {
    const before = await state();
    for (const body of [{}, { reason: '' }, { reason: '   太短  ' }, { reason: '理'.repeat(1001) }, { reason: 42 }]) {
      const res = await reopen(xcAdmin, returnId, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['body.reason']);
    }
    expect(await state()).toEqual(before);
  });

  it('refuses a return that is not accepted (409, in Chinese) with nothing changed', async () => {
    const draft = (await q<{ id: string }>(`select id from applications where call_id = $1 and status = 'draft' limit 1`, [roundId]))[0]!.id;
    const res = await reopen(xcAdmin, draft, { reason });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('只有已审定的统计报表才能重新开放');
    expect((await returnRow(draft)).status).toBe('draft');
  });

  it('takes the acceptance back to the operator, who resubmits up the chain again until the city accepts it anew', async () => {
    await q(`update users set email = 'zhineng@example.cn' where username = 'cg_zhineng'`);
    const res = await reopen(xcAdmin, returnId, { reason: `  ${reason}  ` });
    expect(res.statusCode, res.body).toBe(200);
    const after = await state();
    expect(after.row.status).toBe('returned');
    expect(after.row.stage_key).toBe('county_check');
    expect(after.accepted).toBeNull();
    // The filings module withdrew the acceptance: the released decision superseded by nothing, the list entry struck out.
    expect(after.decisions).toEqual([{ status: 'superseded', superseded_by: null }]);
    expect(after.entries).toEqual([{ status: 'removed', removed_reason: `重新开放修改：${reason}` }]);
    const audited = await q<{ detail: Record<string, unknown> }>(`select detail from audit_log where action = 'annual_return.reopen' and object_id = $1`, [returnId]);
    expect(audited).toEqual([{ detail: expect.objectContaining({ from: 'filed', to: 'returned', note: reason, withdrawnDecisions: 1, removedEntries: 1 }) }]);
    const told = await q<{ body: string }>(`select n.body from notifications n join users u on u.id = n.user_id where u.username = 'cg_zhineng' and n.title = '统计报表已重新开放修改'`);
    expect(told).toEqual([{ body: expect.stringContaining(reason) }]);
    // And by mail, at the operator's address.
    expect(await q(`select body from mail_outbox where to_address = 'zhineng@example.cn' and subject = '统计报表已重新开放修改'`)).toEqual([{ body: expect.stringContaining(reason) }]);

    // Reopening twice: it is no longer accepted.
    const twice = await reopen(xcAdmin, returnId, { reason });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain('退回修改');

    const back = (await operator.get(`/api/returns/${returnId}`)).json();
    expect(back.abilities).toEqual({ edit: true, submit: false, resubmit: true, reopen: false });
    const reopened = back.events.at(-1);
    expect(reopened).toEqual(expect.objectContaining({ action: 'annual_return.reopen', fromStatus: 'filed', toStatus: 'returned', note: reason, actor: { name: '许昌市科技局管理员', orgName: '许昌市科学技术局' } }));
    // The whole history, in order, from the kernel's events.
    expect(back.events.map((e: { action: string }) => e.action)).toEqual(['create', 'submit', 'review.return', 'resubmit', 'review.pass', 'decision.approve', 'annual_return.reopen']);
    expect(back.events[2].itemComments).toEqual([{ field: 'values.mentors', comment: '与备案材料不一致' }]);
    expect(back.events[2].stage.name).toBe('县级审核');

    const fixed = await operator.put(`/api/returns/${returnId}`, { revision: back.revision, values: { ...back.values, startup_jobs: 280 }, notes: back.notes });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const resubmitted = await operator.post(`/api/returns/${returnId}/submit`, { revision: fixed.json().revision });
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    expect([resubmitted.json().status, resubmitted.json().stage.key]).toEqual(['in_review', 'county_check']);
    expect(resubmitted.json().diffs.at(-1).changes).toContainEqual({ field: 'values.startup_jobs', before: 300, after: 280 });
    await acceptAgain('许科〔2026〕121号');
    const accepted = await state();
    expect(accepted.row.status).toBe('filed');
    expect(accepted.accepted).not.toBeNull();
    expect(accepted.decisions.map((d) => d.status)).toEqual(['superseded', 'released']);
  });

  it('may be reopened by an authority above the accepting one, within its region', async () => {
    const most = await signIn(t.app, 'most_admin');
    expect((await most.get(`/api/returns/${returnId}`)).json().abilities.reopen).toBe(true);
    const res = await reopen(most, returnId, { reason: '全国汇总复核：请补充说明投融资数据来源' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('returned');
  });
});
