/** The dashboard as a workbook: one sheet per section of the page, Chinese headers, as its tables show it (opens in WPS and Excel). */
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { addTable, workbook, xlsxBuffer } from '../documents/index.ts';
import { GRADE_NAMES, type Grade } from '../evaluation/index.ts';
import { STATUS_NAMES } from '../workflow/index.ts';
import { dashboard } from './service.ts';

const LEVEL_NAMES: Record<string, string> = { national: '国家级', province: '省级', city: '市级' };
const TYPE_NAMES: Record<string, string> = { tech_support: '科技支撑型', investment_driven: '投资驱动型', comprehensive: '综合服务型', professional: '专业化众创空间' };
const PROPOSAL_NAMES: Record<string, string> = { pending: '待处理', in_review: '审核中', revoked: '已撤销备案', dismissed: '不予撤销' };
const CATEGORY_NAMES: Record<string, string> = { rent: '房租补贴', construction: '建设补助', operating: '运营补助', event: '活动补贴', award: '奖励', tax: '税收优惠', finance: '金融支持', talent: '人才支持', other: '其他' };
const PLACE_NAMES: Record<string, string> = { nursery: '创业苗圃', maker_space: '众创空间', incubator: '孵化器', accelerator: '加速器', industrial_park: '专业园区' };
const DIRECTION_NAMES: Record<string, string> = { within: '辖区内流转', out: '流出辖区', in: '流入辖区' };
const placeName = (p: string | null) => (p === null ? '未标注' : (PLACE_NAMES[p] ?? p));
const stateName = (s: string) => (s === 'missed' ? '逾期未报' : (STATUS_NAMES[s as keyof typeof STATUS_NAMES]?.zh ?? s));

/** The chain flows' figures per group and year, with their Chinese headers. */
const FLOW_COLUMNS = [
  ['graduated', '毕业（个）'],
  ['exited', '退出（个）'],
  ['moved', '迁出（个）'],
  ['deregistered', '注销或吊销（个）'],
  ['movesOut', '链条迁出（个）'],
  ['movesIn', '链条迁入（个）'],
] as const;

export async function exportDashboard(db: Db, actor: Actor, ctx: AuditContext, query: { region?: string | undefined; year?: number | undefined }) {
  const d = await dashboard(db, actor, query, new Date(), { grantorRows: Infinity });
  const book = await workbook();
  addTable(
    book,
    d.groupBy === 'space' ? '按众创空间' : '按地区',
    [
      { key: 'name', header: d.groupBy === 'space' ? '众创空间' : '地区', width: 30 },
      { key: 'filed', header: '备案空间（个）', width: 14 },
      { key: 'national', header: '国家级', width: 10 },
      { key: 'province', header: '省级', width: 10 },
      { key: 'city', header: '市级', width: 10 },
      { key: 'applications', header: '备案申请（件）', width: 14 },
      { key: 'applicationsOverdue', header: '其中超期办理', width: 14 },
      { key: 'returns', header: '统计报表（份）', width: 14 },
      { key: 'returnsAccepted', header: '其中已通过', width: 12 },
      { key: 'returnsMissed', header: '其中逾期未报', width: 14 },
      { key: 'changesOverdue', header: '变更报告逾期', width: 14 },
      { key: 'proposalsOpen', header: '待处理撤销建议', width: 16 },
      { key: 'supports', header: '扶持（笔）', width: 12 },
      { key: 'supportsAmount', header: '扶持金额（元）', width: 16 },
      { key: 'events', header: '举办活动（场）', width: 14 },
      { key: 'bookings', header: '完成预约（次）', width: 14 },
      // The key indicators of each group beside its peers' (the page's expanded indicator rows).
      ...d.indicators.map((i) => ({ key: `indicator:${i.code}`, header: `${d.year}年${i.label}（${i.unit}）`, width: 18 })),
      // The year's chain flows of each group (the flows card's table).
      ...FLOW_COLUMNS.map(([key, header]) => ({ key: `flow:${key}`, header: `${d.year}年${header}`, width: 16 })),
    ],
    d.groups.map((g) => {
      const flows = d.chainFlows.groups.find((x) => x.key === g.key);
      return {
        ...g,
        ...Object.fromEntries(d.indicators.map((i) => [`indicator:${i.code}`, i.byGroup.find((x) => x.key === g.key)?.total ?? 0])),
        ...Object.fromEntries(FLOW_COLUMNS.map(([key]) => [`flow:${key}`, flows?.[key] ?? 0])),
      };
    }),
  );
  addTable(
    book,
    '备案空间',
    [
      { key: 'what', header: '分类', width: 20 },
      { key: 'count', header: '备案空间（个）', width: 16 },
    ],
    [...d.filed.byLevel.map((r) => ({ what: LEVEL_NAMES[r.level], count: r.count })), ...d.filed.byType.map((r) => ({ what: TYPE_NAMES[r.type], count: r.count })), { what: '合计（去重）', count: d.filed.total }],
  );
  addTable(
    book,
    '申报与统计报表',
    [
      { key: 'kind', header: '事项', width: 14 },
      { key: 'state', header: '状态', width: 16 },
      { key: 'count', header: '数量', width: 10 },
    ],
    [
      ...d.applications.byState.map((r) => ({ kind: '备案申请', state: stateName(r.state), count: r.count })),
      { kind: '备案申请', state: '超期办理', count: d.applications.overdue },
      ...d.returns.byState.map((r) => ({ kind: '统计报表', state: stateName(r.state), count: r.count })),
      { kind: '统计报表', state: '截止未报（待标记）', count: d.returns.overdue },
    ],
  );
  addTable(
    book,
    '统计指标',
    [
      { key: 'label', header: '指标', width: 24 },
      { key: 'unit', header: '单位', width: 10 },
      { key: 'total', header: `${d.year}年`, width: 14 },
      { key: 'previous', header: `${d.year - 1}年`, width: 14 },
      { key: 'change', header: '同比（%）', width: 12 },
      { key: 'returns', header: `${d.year}年报表（份）`, width: 16 },
    ],
    d.indicators.map((i) => ({ label: i.label, unit: i.unit, total: i.total, previous: i.previous, change: i.previous ? Math.round(((i.total - i.previous) / i.previous) * 1000) / 10 : null, returns: i.returns })),
  );
  addTable(
    book,
    '评价与撤销',
    [
      { key: 'kind', header: '事项', width: 14 },
      { key: 'what', header: '结果', width: 16 },
      { key: 'count', header: '数量', width: 10 },
    ],
    [
      ...d.grades.map((r) => ({ kind: `${d.year}年评价`, what: GRADE_NAMES[r.grade as Grade].zh, count: r.count })),
      ...d.proposals.map((r) => ({ kind: '撤销建议', what: PROPOSAL_NAMES[r.status], count: r.count })),
    ],
  );
  addTable(
    book,
    '变更报告',
    [
      { key: 'what', header: '事项', width: 24 },
      { key: 'count', header: '数量', width: 10 },
    ],
    [
      { what: '待审核', count: d.changes.open },
      { what: '逾期未报', count: d.changes.overdue },
      { what: `${d.year}年逾期报告`, count: d.changes.late },
    ],
  );
  addTable(
    book,
    '扶持',
    [
      { key: 'grantor', header: '扶持部门', width: 30 },
      { key: 'category', header: '扶持类别', width: 14 },
      { key: 'count', header: '笔数', width: 10 },
      { key: 'amount', header: '金额（元）', width: 16 },
      { key: 'alerted', header: '其中有待处置重复预警（笔）', width: 16 },
    ],
    d.supports.byGrantor.map((r) => ({ grantor: r.grantorName, category: CATEGORY_NAMES[r.category] ?? r.category, count: r.count, amount: r.amountYuan, alerted: r.alerted })),
  );
  addTable(
    book,
    '活动与预约',
    [
      { key: 'what', header: '事项', width: 24 },
      { key: 'count', header: '数量', width: 12 },
    ],
    [
      { what: '举办活动（场）', count: d.activity.events },
      { what: '活动报名（人次）', count: d.activity.signups },
      { what: '活动签到（人次）', count: d.activity.checkedIn },
      { what: '完成预约（次）', count: d.activity.bookings },
      { what: '预约使用时长（小时）', count: d.activity.bookingHours },
    ],
  );
  addTable(
    book,
    '存续分析',
    [
      { key: 'cohort', header: '首次备案年度', width: 14 },
      { key: 'filed', header: '备案空间（个）', width: 14 },
      { key: 'active', header: '仍在备案（个）', width: 14 },
      { key: 'rate', header: '存续率（%）', width: 12 },
    ],
    d.survival,
  );
  // Rates as percentages; a cohort whose Y+k has not ended is left blank (not yet measurable).
  const percent = (r: { rate: number | null }) => (r.rate === null ? null : Math.round(r.rate * 1000) / 10);
  addTable(
    book,
    '初创企业存活率',
    [
      { key: 'year', header: '入驻年度', width: 10 },
      { key: 'entrants', header: '入驻团队和企业（个）', width: 18 },
      { key: 's1', header: '一年存活（个）', width: 14 },
      { key: 's1Rate', header: 'S(1)（%）', width: 10 },
      { key: 's3', header: '三年存活（个）', width: 14 },
      { key: 's3Rate', header: 'S(3)（%）', width: 10 },
    ],
    d.startupSurvival.cohorts.map((c) => ({ year: c.year, entrants: c.entrants, s1: c.s1.survivors, s1Rate: percent(c.s1), s3: c.s3.survivors, s3Rate: percent(c.s3) })),
  );
  // The chain's flows by year, then below them the moves place → place (one sheet, two tables).
  const flows = addTable(
    book,
    '孵化链条流向',
    [
      { key: 'year', header: '年度', width: 10 },
      ...FLOW_COLUMNS.filter(([key]) => key !== 'movesOut' && key !== 'movesIn').map(([key, header]) => ({ key, header, width: 14 })),
      { key: 'movesWithin', header: '辖区内链条流转（个）', width: 18 },
      { key: 'movesOut', header: '流出辖区（个）', width: 14 },
      { key: 'movesIn', header: '流入辖区（个）', width: 14 },
    ],
    d.chainFlows.years,
  );
  flows.addRow([]);
  flows.addRow(['进入年度', '来源位置', '去向位置', '方向', '企业（个）']).font = { bold: true };
  for (const m of d.chainFlows.moves) flows.addRow([m.year, placeName(m.fromPlace), placeName(m.toPlace), DIRECTION_NAMES[m.direction], m.count]);
  await audit.record(db, ctx, { action: 'dashboard.export', objectType: 'organisation', objectId: actor.org.id, detail: { region: d.region.code, year: d.year } });
  return { buffer: await xlsxBuffer(book), fileName: `${d.region.name}${d.year}年数据看板.xlsx` };
}
