/** The funds and financing of an authority's jurisdiction as a workbook: every space (flagging those without a financing service), then the year's requests by state and by round. */
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { addTable, workbook, xlsxBuffer } from '../documents/index.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';
import type { RequestState, Round } from './schema.ts';
import { requestsBy } from './service.ts';

const STATE_NAMES: Record<RequestState, string> = { open: '对接中', funded: '已获投资', withdrawn: '已撤回' };
const ROUND_NAMES: Record<Round, string> = { seed: '种子轮', angel: '天使轮', pre_a: '准 A 轮', a: 'A 轮', b: 'B 轮', later: 'B 轮以后' };

export async function exportJurisdictionFinancing(db: Db, actor: Actor, ctx: AuditContext, year: number) {
  if (!can(actor, 'financing.oversee')) throw new AppError('FORBIDDEN');
  const path = actor.jurisdictionPath!;
  const [{ rows }, requests] = await Promise.all([repo.jurisdictionFigures(db, path, year, false, {}, null, 0), repo.jurisdictionRequests(db, path, year)]);
  const { byState, byRound } = requestsBy(requests);
  const book = await workbook();
  addTable(
    book,
    '各空间基金与投融资',
    [
      { key: 'space', header: '众创空间', width: 32 },
      { key: 'region', header: '所在地区', width: 14 },
      { key: 'funds', header: '在管基金（只）', width: 14 },
      { key: 'size', header: '基金规模（万元）', width: 16 },
      { key: 'own', header: '其中自有基金（万元）', width: 20 },
      { key: 'requests', header: '融资需求（项）', width: 14 },
      { key: 'open', header: '对接中', width: 10 },
      { key: 'funded', header: '已获投资', width: 10 },
      { key: 'withdrawn', header: '已撤回', width: 10 },
      { key: 'requested', header: '需求金额（万元）', width: 16 },
      { key: 'investments', header: '获得投资（笔）', width: 14 },
      { key: 'invested', header: '投资金额（万元）', width: 16 },
      { key: 'flag', header: '投融资服务', width: 14 },
    ],
    rows.map((r) => ({
      space: r.spaceName,
      region: r.regionName,
      funds: r.funds,
      size: r.fundSizeWan,
      own: r.ownFundSizeWan,
      requests: r.requests,
      open: r.open,
      funded: r.funded,
      withdrawn: r.withdrawn,
      requested: r.requestedWan,
      investments: r.investments,
      invested: r.investedWan,
      flag: r.noService ? '未提供' : '已提供',
    })),
  );
  const requestColumns = [
    { key: 'requests', header: '融资需求（项）', width: 14 },
    { key: 'requested', header: '需求金额（万元）', width: 16 },
  ];
  addTable(book, '融资需求按状态', [{ key: 'state', header: '状态', width: 12 }, ...requestColumns], byState.map((s) => ({ state: STATE_NAMES[s.state], requests: s.requests, requested: s.requestedWan })));
  addTable(book, '融资需求按轮次', [{ key: 'round', header: '轮次', width: 12 }, ...requestColumns], byRound.map((r) => ({ round: ROUND_NAMES[r.round], requests: r.requests, requested: r.requestedWan })));
  await audit.record(db, ctx, { action: 'financing.jurisdiction.export', objectType: 'organisation', objectId: actor.org.id, detail: { year, spaces: rows.length } });
  return { buffer: await xlsxBuffer(book), fileName: `${actor.org.regionName}${year}年基金与投融资统计.xlsx` };
}
