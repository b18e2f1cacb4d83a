import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { fieldError } from '../../shared/errors.ts';
import { maskPersonal } from '../../shared/validation/masking.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { addTable, shanghaiDateTime, workbook, xlsxBuffer } from '../documents/index.ts';
import * as repo from './repository.ts';
import { shanghaiAt } from './rules.ts';
import type { BookingStatus, ResourceKind, UserGroup } from './schema.ts';
import { spaceFor } from './service.ts';

export const KIND_NAMES: Record<ResourceKind, string> = { equipment: '设备', instrument: '仪器', facility: '设施', workstation: '工位', room: '房间' };
export const GROUP_NAMES: Record<UserGroup, string> = { own_incubatee: '本空间在孵企业', outside_maker: '外部创客', host_staff: '依托单位/空间员工' };
export const STATUS_NAMES: Record<BookingStatus, string> = {
  pending: '待审批',
  confirmed: '已确认',
  checked_in: '使用中',
  completed: '已完成',
  cancelled: '已取消',
  rejected: '未通过',
  no_show: '爽约',
};

const COLUMNS = [
  { key: 'resource', header: '资源名称', width: 28 },
  { key: 'kind', header: '类型', width: 8 },
  { key: 'user', header: '使用人', width: 16 },
  { key: 'mobile', header: '手机（脱敏）', width: 15 },
  { key: 'group', header: '用户组', width: 16 },
  { key: 'status', header: '状态', width: 8 },
  { key: 'startsAt', header: '预约开始', width: 18 },
  { key: 'endsAt', header: '预约结束', width: 18 },
  { key: 'checkedInAt', header: '签到时间', width: 18 },
  { key: 'checkedOutAt', header: '签退时间', width: 18 },
  { key: 'hours', header: '实际机时（小时）', width: 14 },
  { key: 'samples', header: '样品数', width: 8 },
  { key: 'charge', header: '费用（元）', width: 12 },
  { key: 'vouchers', header: '创新券抵扣（元）', width: 14 },
  { key: 'purpose', header: '用途', width: 30 },
] as const;

const dt = (d: Date | null) => (d ? shanghaiDateTime(d) : '');
const yuan = (fen: number | null) => (fen === null ? null : fen / 100);

/** The usage records (completed and no-show bookings) of a space in [from, to) as a workbook, WPS-compatible. */
export async function exportUsage(db: Db, actor: Actor, ctx: AuditContext, spaceId: string, q: { from: string; to: string }) {
  const space = await spaceFor(db, actor, spaceId, 'booking.staff');
  if (q.to <= q.from) throw fieldError('query.to', '结束日期应晚于开始日期', 'the end must be after the start');
  const rows = await repo.usageRows(db, spaceId, shanghaiAt(q.from, 0), shanghaiAt(q.to, 0));
  const book = await workbook();
  addTable(
    book,
    '使用记录',
    COLUMNS,
    rows.map((r) => ({
      resource: r.resourceName,
      kind: KIND_NAMES[r.resourceKind],
      user: r.userName,
      mobile: r.userMobile ? maskPersonal(r.userMobile) : '',
      group: GROUP_NAMES[r.booking.userGroup],
      status: STATUS_NAMES[r.booking.status],
      startsAt: dt(r.booking.startsAt),
      endsAt: dt(r.booking.endsAt),
      checkedInAt: dt(r.booking.checkedInAt),
      checkedOutAt: dt(r.booking.checkedOutAt),
      hours: r.booking.usedMinutes === null ? null : Math.round((r.booking.usedMinutes / 60) * 100) / 100,
      samples: r.booking.samples,
      charge: yuan(r.booking.chargeFen),
      vouchers: yuan(Number(r.vouchersFen)),
      purpose: r.booking.purpose ?? '',
    })),
  );
  await audit.record(db, ctx, { action: 'booking.usage.export', objectType: 'space', objectId: spaceId, detail: { from: q.from, to: q.to, rows: rows.length } });
  return { buffer: await xlsxBuffer(book), fileName: `${space.name}-资源使用记录-${q.from}至${q.to}.xlsx` };
}
