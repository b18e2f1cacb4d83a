/** The crowd figures of an authority's jurisdiction as a workbook: every space, then the year's challenges by state and by field. */
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { addTable, workbook, xlsxBuffer } from '../documents/index.ts';
import { KEY_INDUSTRY_NAMES } from '../spaces/index.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';
import type { ChallengeState } from './schema.ts';
import { countsBy } from './service.ts';

const STATE_NAMES: Record<ChallengeState, string> = { draft: '草稿', open: '征集中', judging: '评审中', awarded: '已评定', closed: '已关闭' };

export async function exportJurisdictionCrowd(db: Db, actor: Actor, ctx: AuditContext, year: number) {
  if (!can(actor, 'crowd.oversee')) throw new AppError('FORBIDDEN');
  const path = actor.jurisdictionPath!;
  const [{ rows }, breakdown] = await Promise.all([repo.jurisdictionFigures(db, path, year, {}, null, 0), repo.jurisdictionBreakdown(db, path, year)]);
  const { byState, byField } = countsBy(breakdown);
  const book = await workbook();
  addTable(
    book,
    '各空间众包任务',
    [
      { key: 'space', header: '众创空间', width: 32 },
      { key: 'region', header: '所在地区', width: 14 },
      { key: 'challenges', header: '发布任务（个）', width: 14 },
      { key: 'open', header: '征集中', width: 10 },
      { key: 'judging', header: '评审中', width: 10 },
      { key: 'awarded', header: '已评定', width: 10 },
      { key: 'closed', header: '已关闭', width: 10 },
      { key: 'offered', header: '悬赏奖金（元）', width: 16 },
      { key: 'solutions', header: '收到方案（个）', width: 14 },
      { key: 'awards', header: '评定奖励（项）', width: 14 },
      { key: 'awardedYuan', header: '颁发奖金（元）', width: 16 },
    ],
    rows.map((r) => ({ space: r.spaceName, region: r.regionName, challenges: r.challenges, open: r.open, judging: r.judging, awarded: r.awardedState, closed: r.closed, offered: r.offeredYuan, solutions: r.solutions, awards: r.awards, awardedYuan: r.awardedYuan })),
  );
  addTable(
    book,
    '按状态',
    [
      { key: 'state', header: '状态', width: 12 },
      { key: 'challenges', header: '任务（个）', width: 12 },
      { key: 'offered', header: '悬赏奖金（元）', width: 16 },
    ],
    byState.map((s) => ({ state: STATE_NAMES[s.state], challenges: s.challenges, offered: s.offeredYuan })),
  );
  addTable(
    book,
    '按技术领域',
    [
      { key: 'field', header: '技术领域', width: 16 },
      { key: 'challenges', header: '任务（个）', width: 12 },
      { key: 'offered', header: '悬赏奖金（元）', width: 16 },
    ],
    byField.map((f) => ({ field: KEY_INDUSTRY_NAMES[f.field], challenges: f.challenges, offered: f.offeredYuan })),
  );
  await audit.record(db, ctx, { action: 'crowd.jurisdiction.export', objectType: 'organisation', objectId: actor.org.id, detail: { year, spaces: rows.length } });
  return { buffer: await xlsxBuffer(book), fileName: `${actor.org.regionName}${year}年众包任务统计.xlsx` };
}
