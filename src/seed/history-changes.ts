/**
 * The demo's change reports (002 §四(二)), driven through the services by the accounts that do the
 * work: 沈阳浑南生物医药专业化众创空间 (filed this year by the province) reported a new principal and
 * sub-field, which 沈阳 returned once for the appointment letter, then passed, and the province approved — applied to the record, with history —
 * and has since reported a move of its premises too late, now waiting at 沈阳市科技局.
 */
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { AuditContext } from '../modules/audit/index.ts';
import { createReport, readReport, saveReport, submitReport } from '../modules/changes/index.ts';
import { uploadFile } from '../modules/files/index.ts';
import { recordDecision, releaseDecisions } from '../modules/filings/index.ts';
import { passStage, returnForRevision } from '../modules/review/index.ts';
import { spaces } from '../modules/spaces/index.ts';
import type { Actor } from '../shared/actor.ts';
import { stageOf } from '../shared/chains.ts';
import { demoPdf } from './pdf.ts';
import { beijingDay } from '../shared/beijing-time.ts';

const SPACE = '沈阳浑南生物医药专业化众创空间';
const DAY_MS = 86_400_000;
const ctxOf = (actor: Actor): AuditContext => ({ actorUserId: actor.userId, actorUsername: actor.username, actorOrgId: actor.org.id, ip: null, requestId: null });
const checked = (stageKey: string) => stageOf('change_report', stageKey)!.checklist.map((c) => ({ key: c.key, verdict: 'ok' as const, note: `已核查：${c.label}` }));

export async function seedChangeReports(db: Db, config: Config, as: (username: string) => Promise<Actor>) {
  const [operator, city, province, provinceAdmin] = await Promise.all([as('sy_huakang'), as('sy_reviewer'), as('ln_reviewer'), as('ln_admin')]);
  const [space] = await db.select({ id: spaces.id }).from(spaces).where(eq(spaces.name, SPACE));
  if (!space) throw new Error(`demo history: no space ${SPACE}`);
  const evidence = (name: string) => uploadFile(db, config, ctxOf(operator), operator, { filename: name, stream: Readable.from(demoPdf(name)) });

  async function report(effectiveDaysAgo: number, items: { field: 'principal' | 'sub_field' | 'premises' | 'address_area'; after: string }[], explanation: string, file: string) {
    const draft = await createReport(db, operator, ctxOf(operator), { spaceId: space!.id });
    const saved = await saveReport(db, operator, ctxOf(operator), draft.id, {
      revision: draft.revision,
      effectiveOn: beijingDay(new Date(Date.now() - effectiveDaysAgo * DAY_MS)),
      explanation,
      items,
      evidenceFileIds: [(await evidence(file)).id],
    });
    return submitReport(db, operator, ctxOf(operator), draft.id, { revision: saved.revision });
  }

  /** A returned report handed in again with one more evidence file (the second round the reviewers diff). */
  async function resubmitWith(id: string, revision: number, file: string) {
    const report = await readReport(db, operator, id);
    const saved = await saveReport(db, operator, ctxOf(operator), id, {
      revision,
      effectiveOn: report.effectiveOn,
      explanation: report.explanation,
      items: report.items.map(({ field, after }) => ({ field, after })),
      evidenceFileIds: [...report.evidence.map((e) => e.fileId), (await evidence(file)).id],
    });
    return submitReport(db, operator, ctxOf(operator), id, { revision: saved.revision });
  }

  const approved = await report(
    12,
    [
      { field: 'principal', after: '李文博' },
      { field: 'sub_field', after: '生物药、细胞与基因治疗' },
    ],
    '经公司董事会决议，空间负责人调整为李文博；随新引进的基因治疗平台，细分领域扩展为生物药、细胞与基因治疗。',
    '董事会决议及任命文件.pdf',
  );
  await returnForRevision(db, city, ctxOf(city), approved.id, {
    stageKey: 'recommender_review',
    note: '董事会决议已收到，请补充李文博的任命文件（加盖公章）',
    itemComments: [{ field: 'items.principal', comment: '缺少任命文件' }],
    resubmitDueAt: new Date(Date.now() + 10 * DAY_MS).toISOString(),
  });
  const returned = await readReport(db, operator, approved.id);
  await resubmitWith(approved.id, returned.revision, '负责人任命文件（盖章）.pdf');
  await passStage(db, city, ctxOf(city), approved.id, { stageKey: 'recommender_review', checklist: checked('recommender_review'), note: '已核对董事会决议和任命文件，同意报省科技厅审批' });
  const decision = await recordDecision(db, province, ctxOf(province), {
    applicationId: approved.id,
    stageKey: 'province_approval',
    outcome: 'approve',
    reason: '变更事项属实，变更后仍符合省级专业化众创空间条件，同意变更',
    checklist: checked('province_approval'),
  });
  await releaseDecisions(db, provinceAdmin, ctxOf(provinceAdmin), {
    callId: approved.call.id,
    stageKey: 'province_approval',
    decisionIds: [decision.id],
    expectedCount: 1,
    title: '关于同意沈阳浑南生物医药专业化众创空间变更事项的批复',
    documentNumber: `辽科发〔${beijingDay(new Date()).slice(0, 4)}〕61号`,
    issuedOn: beijingDay(new Date()),
  });

  // Effective 45 days ago: due a month later, so handed in today it is late (accepted, flagged).
  await report(
    45,
    [{ field: 'premises', after: '浑南区创新路 88 号生物医药产业园 B3 栋 1–3 层（自有产权，建筑面积 2600 平方米）' }],
    '原租赁场地到期，空间整体迁入生物医药产业园自有场地，公共服务区同步扩大。',
    '新场地产权证明及平面图.pdf',
  );
}
