/** An expert stage's overview and results (trimmed mean, ranking), and their Excel export. */
import type { Db } from '../../db/client.ts';
import { requireSubmissionFacts } from '../workflow/index.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { addTable, shanghaiDateTime, workbook, xlsxBuffer } from '../documents/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { KEY_INDUSTRY_NAMES } from '../spaces/index.ts';
import { rank } from './aggregate.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';
import { callStage, presentAssignment, applicationRow } from './access.ts';
import { sheetOf } from './score-sheets.ts';

/** The applications of the call at the expert stage with their assignments, for the authority's page. */
export async function stageOverview(db: Db, actor: Actor, input: { callId: string; stageKey: string }) {
  const { call, stage } = await callStage(db, actor, input.callId, input.stageKey, 'expert.stage.read', 'querystring.stageKey');
  const ids = await repo.applicationIdsAtStage(db, call.id, stage.key);
  const rows = await repo.assignmentsOf(db, ids, stage.key);
  const items = [];
  for (const id of ids) {
    const facts = (await requireSubmissionFacts(db, id));
    if (can(actor, 'expert.stage.read', { stage, at: { regionPath: facts.space.regionPath, callAuthorityId: call.authorityOrgId } })) items.push(applicationRow(facts, rows));
  }
  return { call: { id: call.id, title: call.title }, stage: { key: stage.key, name: stage.name, nameEn: stage.nameEn }, sheet: await sheetOf(db, call.id), canAssign: can(actor, 'expert.stage.assign', { stage, at: { regionPath: call.regionPath, callAuthorityId: call.authorityOrgId } }), items };
}

// ── Results ─────────────────────────────────────────────────────────────────

/** Per application: each expert's total and comment, mean, trimmed mean and rank. */
export async function stageResults(db: Db, actor: Actor, input: { callId: string; stageKey: string }) {
  const { call, stage } = await callStage(db, actor, input.callId, input.stageKey, 'expert.stage.read', 'querystring.stageKey');
  const ids = await repo.applicationIdsForResults(db, call.id, stage.key);
  const rows = await repo.assignmentsOf(db, ids, stage.key);
  const apps = [];
  for (const id of ids) {
    const facts = (await requireSubmissionFacts(db, id));
    if (!can(actor, 'expert.stage.read', { stage, at: { regionPath: facts.space.regionPath, callAuthorityId: call.authorityOrgId } })) continue;
    const scored = rows.filter((r) => r.assignment.applicationId === id && r.assignment.submittedAt).map(presentAssignment);
    apps.push({ id, spaceName: facts.space.name, operatorName: facts.space.operator.name, industry: facts.space.industry, status: facts.app.status, stageKey: facts.app.stageKey, scores: scored });
  }
  const ranked = rank(apps, (a) => a.scores.map((s) => s.total!), (a) => a.spaceName);
  return {
    call: { id: call.id, title: call.title },
    stage: { key: stage.key, name: stage.name, nameEn: stage.nameEn },
    sheet: await sheetOf(db, call.id),
    items: ranked.map((r) => ({
      applicationId: r.item.id,
      spaceName: r.item.spaceName,
      operatorName: r.item.operatorName,
      industry: r.item.industry,
      status: r.item.status,
      stageKey: r.item.stageKey,
      rank: r.rank,
      mean: r.mean,
      trimmedMean: r.trimmedMean,
      scores: r.item.scores.map((s) => ({ expert: s.expert, total: s.total!, scores: s.scores ?? {}, comment: s.comment, submittedAt: s.submittedAt! })),
    })),
  };
}

/** The results as a workbook: the ranking, then every score and comment; the export is audited. */
export async function stageResultsXlsx(db: Db, actor: Actor, ctx: AuditContext, input: { callId: string; stageKey: string }) {
  const results = await stageResults(db, actor, input);
  const book = await workbook();
  addTable(
    book,
    '排名',
    [
      { header: '排名', key: 'rank', width: 8 },
      { header: '众创空间', key: 'space', width: 36 },
      { header: '运营主体', key: 'operator', width: 36 },
      { header: '重点领域', key: 'industry', width: 14 },
      { header: '评分专家数', key: 'count', width: 12 },
      { header: '平均分', key: 'mean', width: 10 },
      { header: '去掉最高最低分后的平均分', key: 'trimmed', width: 24 },
    ],
    results.items.map((r) => ({ rank: r.rank ?? '—', space: r.spaceName, operator: r.operatorName, industry: KEY_INDUSTRY_NAMES[r.industry], count: r.scores.length, mean: r.mean ?? '', trimmed: r.trimmedMean ?? '' })),
  );
  addTable(
    book,
    '评分明细',
    [
      { header: '众创空间', key: 'space', width: 36 },
      { header: '评审专家', key: 'expert', width: 20 },
      ...results.sheet.criteria.map((c) => ({ header: `${c.name}（${c.min}–${c.max}，权重${c.weight}%）`, key: `c_${c.key}`, width: 18 })),
      { header: '加权总分', key: 'total', width: 10 },
      { header: '评审意见', key: 'comment', width: 50 },
      { header: '提交时间', key: 'at', width: 20 },
    ],
    results.items.flatMap((r) =>
      r.scores.map((s) => ({
        space: r.spaceName,
        expert: s.expert.displayName,
        ...Object.fromEntries(results.sheet.criteria.map((c) => [`c_${c.key}`, s.scores[c.key] ?? ''])),
        total: s.total,
        comment: s.comment ?? '',
        at: shanghaiDateTime(s.submittedAt),
      })),
    ),
  );
  const buffer = await xlsxBuffer(book);
  await audit.record(db, ctx, { action: 'expert.results.export', objectType: 'call', objectId: results.call.id, detail: { stage: results.stage.key, applications: results.items.length } });
  return { buffer, fileName: `专家评审结果-${results.call.title}-${results.stage.name}.xlsx` };
}

// ── The expert's own work ───────────────────────────────────────────────────
