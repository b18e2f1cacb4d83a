/** The platform statistics of a jurisdiction as a workbook: one sheet per chart of the page, as its table shows it. */
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { addTable, workbook, xlsxBuffer } from '../documents/index.ts';
import { platformStats } from './platform-stats.ts';

const monthName = (m: number) => `${m}月`;

export async function exportPlatformStats(db: Db, actor: Actor, ctx: AuditContext, year: number | undefined) {
  const s = await platformStats(db, actor, year);
  const book = await workbook();
  addTable(
    book,
    '预约利用率',
    [
      { key: 'month', header: '月份', width: 8 },
      { key: 'booked', header: '预约时长（小时）', width: 16 },
      { key: 'used', header: '实际使用（小时）', width: 16 },
      { key: 'open', header: '开放时长（小时）', width: 16 },
      { key: 'rate', header: '利用率（%）', width: 12 },
    ],
    s.utilisation.map((m) => ({ month: monthName(m.month), booked: m.bookedHours, used: m.usedHours, open: m.openHours, rate: m.utilisation })),
  );
  addTable(
    book,
    '设备使用排行',
    [
      { key: 'rank', header: '排名', width: 6 },
      { key: 'name', header: '资源名称', width: 28 },
      { key: 'category', header: '类别', width: 14 },
      { key: 'space', header: '众创空间', width: 32 },
      { key: 'bookings', header: '完成预约（次）', width: 14 },
      { key: 'hours', header: '使用时长（小时）', width: 16 },
    ],
    s.topResources.map((r, i) => ({ rank: i + 1, name: r.name, category: r.category, space: r.spaceName, bookings: r.bookings, hours: r.usedHours })),
  );
  addTable(
    book,
    '服务订单与收入',
    [
      { key: 'month', header: '月份', width: 8 },
      { key: 'requested', header: '收到订单（件）', width: 14 },
      { key: 'delivered', header: '交付订单（件）', width: 14 },
      { key: 'income', header: '服务收入（元）', width: 16 },
    ],
    s.services.map((m) => ({ month: monthName(m.month), requested: m.ordersRequested, delivered: m.ordersDelivered, income: m.incomeFen / 100 })),
  );
  addTable(
    book,
    '导师辅导',
    [
      { key: 'month', header: '月份', width: 8 },
      { key: 'sessions', header: '辅导次数', width: 12 },
      { key: 'hours', header: '辅导时长（小时）', width: 16 },
      { key: 'mentors', header: '参与导师（人）', width: 14 },
    ],
    s.coaching.map((m) => ({ month: monthName(m.month), sessions: m.sessions, hours: m.hours, mentors: m.mentors })),
  );
  await audit.record(db, ctx, { action: 'platform_stats.export', objectType: 'organisation', objectId: actor.org.id, detail: { year: s.year, region: s.regionName } });
  return { buffer: await xlsxBuffer(book), fileName: `${s.regionName}${s.year}年服务平台统计.xlsx` };
}
