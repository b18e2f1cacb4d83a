/** A space's service orders as a workbook (issue 15: exports to Excel), for its operator only; personal names are the requester team's and user's display names. */
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { addTable, shanghaiDateTime, workbook, xlsxBuffer } from '../documents/index.ts';
import { findSpaceInScope } from '../spaces/index.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';
import type { OrderState, ServiceKind } from './schema.ts';

const KIND_NAMES: Record<ServiceKind, string> = {
  industrial_design: '工业设计',
  testing: '检验检测',
  model_making: '模型加工',
  intellectual_property: '知识产权',
  patent_standard: '专利标准',
  pilot_production: '中试生产',
  promotion: '产品推广',
  supply_chain: '供应链与市场对接',
  financing: '投融资',
};
const STATE_NAMES: Record<OrderState, string> = { requested: '待报价', quoted: '待确认', accepted: '待交付', delivered: '已交付', rated: '已评价', declined: '已婉拒', cancelled: '已取消' };
/** More than any space's orders; a bound on one workbook. */
const MAX_ROWS = 50_000;
const dt = (d: Date | null) => (d ? shanghaiDateTime(d) : '');

export async function exportSpaceOrders(db: Db, actor: Actor, ctx: AuditContext, spaceId: string) {
  if (!can(actor, 'service.manage')) throw new AppError('FORBIDDEN');
  const space = await findSpaceInScope(db, actor, spaceId).catch(() => {
    throw notFound({ zh: '众创空间不存在', en: 'No such space' });
  });
  if (!can(actor, 'service.manage', { operatorOrgId: space.operator.id })) throw notFound({ zh: '众创空间不存在', en: 'No such space' });
  const { rows } = await repo.orders(db, { operatorOrgId: actor.org.id }, { spaceId }, {}, MAX_ROWS, 0);
  const book = await workbook();
  addTable(
    book,
    '服务订单',
    [
      { key: 'service', header: '服务项目', width: 28 },
      { key: 'kind', header: '服务类型', width: 12 },
      { key: 'requester', header: '需求方', width: 28 },
      { key: 'user', header: '联系人', width: 12 },
      { key: 'state', header: '状态', width: 8 },
      { key: 'requestedAt', header: '提交时间', width: 18 },
      { key: 'quoted', header: '报价（元）', width: 12 },
      { key: 'dueOn', header: '承诺交付日期', width: 14 },
      { key: 'deliveredAt', header: '交付时间', width: 18 },
      { key: 'rating', header: '评分', width: 6 },
      { key: 'note', header: '需求说明', width: 40 },
    ],
    rows.map((r) => ({
      service: r.serviceName,
      kind: KIND_NAMES[r.serviceKind],
      requester: r.requesterOrgName,
      user: r.requesterName,
      state: STATE_NAMES[r.order.state],
      requestedAt: dt(r.order.requestedAt),
      quoted: r.order.quotedFen === null ? null : r.order.quotedFen / 100,
      dueOn: r.order.dueOn ?? '',
      deliveredAt: dt(r.order.deliveredAt),
      rating: r.order.rating,
      note: r.order.requestNote,
    })),
  );
  await audit.record(db, ctx, { action: 'service.orders.export', objectType: 'space', objectId: spaceId, detail: { rows: rows.length } });
  return { buffer: await xlsxBuffer(book), fileName: `${space.name}-服务订单.xlsx` };
}
