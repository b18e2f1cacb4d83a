/**
 * The demo's shared equipment (issue 15): each demo space and three filed 许昌 spaces offer 5–6
 * resources with rules per user group, an outage, and two months of bookings — the past ones checked
 * in and out and charged (one with a 科技创新券), some no-shows, one late cancellation — plus upcoming
 * ones, one waiting for approval and one waitlist. Driven through the booking module's service
 * functions by the accounts that would act, at the times they would have acted.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { AuditContext } from '../modules/audit/index.ts';
import {
  addBlackout,
  book,
  cancel,
  checkIn,
  checkOut,
  createResource,
  decide,
  grantQualification,
  joinWaitlist,
  redeemVoucher,
  releaseNoShow,
  setMember,
  setRule,
  type ResourceInput,
  type RuleInput,
} from '../modules/booking/index.ts';
import { loadActor, users } from '../modules/identity/index.ts';
import { spaces } from '../modules/spaces/index.ts';
import type { Actor } from '../shared/actor.ts';
import { beijingDay } from '../shared/beijing-time.ts';

const ctxOf = (actor: Actor): AuditContext => ({ actorUserId: actor.userId, actorUsername: actor.username, actorOrgId: actor.org.id, ip: null, requestId: null });

const MIN = 60_000;
const DAY = 1440 * MIN;
const weekday = { open: 8 * 60 + 30, close: 21 * 60 };
const weekend = { open: 9 * 60, close: 17 * 60 };
const HOURS = [weekday, weekday, weekday, weekday, weekday, weekend, weekend];

type Item = Omit<ResourceInput, 'openingHours' | 'specs'> & { specs?: Record<string, string>; approval?: boolean; training?: boolean };

/** What each kind of space shares; prices in 分. */
const MAKER_KIT: Item[] = [
  { kind: 'equipment', name: '工业级 FDM 3D 打印机', category: '3D打印', location: '原型工坊 A1', feeBasis: 'cost_recovery', feeUnit: 'hour', priceFen: 3000, freeQuotaHours: 4, specs: { 成型尺寸: '300×300×400 mm', 材料: 'PLA/ABS/PETG' } },
  { kind: 'equipment', name: '光固化 3D 打印机', category: '3D打印', location: '原型工坊 A2', feeBasis: 'cost_recovery', feeUnit: 'hour', priceFen: 5000, freeQuotaHours: 2, specs: { 精度: '0.05 mm', 材料: '光敏树脂' } },
  { kind: 'equipment', name: '激光切割机', category: '激光切割', location: '加工间 B1', feeBasis: 'cost_recovery', feeUnit: 'hour', priceFen: 8000, freeQuotaHours: 2, training: true, specs: { 幅面: '1300×900 mm', 功率: '100 W CO₂' } },
  { kind: 'instrument', name: '数字存储示波器', category: '示波器', location: '电子实验室 C1', feeBasis: 'non_profit', feeUnit: 'sample', priceFen: 2000, freeQuotaHours: 0, approval: true, specs: { 带宽: '200 MHz', 通道: '4' } },
  { kind: 'workstation', name: '共享工位（开放区）', category: '工位', location: '开放办公区', feeBasis: 'non_profit', feeUnit: 'day', priceFen: 3000, freeQuotaHours: 0 },
  { kind: 'room', name: '路演厅', category: '路演室', location: '一楼路演厅（60 座）', feeBasis: 'non_profit', feeUnit: 'hour', priceFen: 10000, freeQuotaHours: 2, approval: true },
];

const SPACES = [
  { space: '沈阳智能机器人专业化众创空间', admin: 'op_robot_admin', staff: 'op_robot_staff', items: MAKER_KIT, makerIsIncubatee: true },
  { space: '金陵理工生物医药专业化众创空间', admin: 'op_univ_admin', staff: 'op_univ_staff', items: MAKER_KIT.slice(0, 5), makerIsIncubatee: false },
  { space: '长葛创新工场众创空间', admin: 'op_cg_admin', staff: 'op_cg_staff', items: MAKER_KIT.slice(0, 5), makerIsIncubatee: false },
  { space: '长葛智能装备众创空间', admin: 'cg_zhineng', staff: 'cg_zhineng', items: MAKER_KIT, makerIsIncubatee: false },
  { space: '神垕钧瓷文创众创空间', admin: 'yz_shenhou', staff: 'yz_shenhou', items: MAKER_KIT.slice(0, 5), makerIsIncubatee: false },
  { space: '禹州青年创业园众创空间', admin: 'yz_qingnian', staff: 'yz_qingnian', items: [...MAKER_KIT.slice(3, 6), MAKER_KIT[0]!, MAKER_KIT[2]!], makerIsIncubatee: false },
] as const;

const rule = (over: Partial<RuleInput> = {}): RuleInput => ({
  windowDays: 30,
  noticeMinutes: 120,
  minMinutes: 30,
  maxMinutes: 240,
  bufferMinutes: 15,
  dailyCapMinutes: 360,
  futureCap: 5,
  needsApproval: false,
  requiresQualification: false,
  ...over,
});

/** 09:00 … Shanghai on the day `daysFromToday` away, plus `hour` hours. */
const at = (now: Date, daysFromToday: number, hour: number) => {
  const day = beijingDay(new Date(now.getTime() + daysFromToday * DAY));
  return new Date(Date.parse(`${day}T00:00:00+08:00`) + hour * 60 * MIN);
};
const isWeekday = (d: Date) => {
  const w = new Date(d.getTime() + 8 * 3600_000).getUTCDay();
  return w >= 1 && w <= 5;
};

export async function seedBookingHistory(db: Db, now: Date = new Date()): Promise<void> {
  const names = [...new Set(SPACES.flatMap((s) => [s.admin, s.staff])), 'maker_chen'];
  const accounts = await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, names));
  const actor = async (username: string) => (await loadActor(db, accounts.find((a) => a.username === username)!.id, 'demo-seed'))!;
  const maker = await actor('maker_chen');
  const makerCtx = ctxOf(maker);
  let serial = 0;
  let waitlisted = false;
  for (const s of SPACES) {
    const [space] = await db.select({ id: spaces.id }).from(spaces).where(eq(spaces.name, s.space));
    if (!space) continue;
    const admin = await actor(s.admin);
    const staff = s.staff === s.admin ? admin : await actor(s.staff);
    const adminCtx = ctxOf(admin);
    const staffCtx = ctxOf(staff);
    if (s.makerIsIncubatee) await setMember(db, admin, adminCtx, space.id, maker.userId, 'own_incubatee');
    const resourceIds: { id: string; item: Item }[] = [];
    for (const item of s.items) {
      const { approval, training, specs, ...input } = item;
      const r = await createResource(db, admin, adminCtx, space.id, { ...input, specs: specs ?? {}, openingHours: HOURS, description: `${item.name}，预约后按时签到；超过签到宽限未到记爽约。` });
      await setRule(db, admin, adminCtx, r.id, 'own_incubatee', rule({ requiresQualification: !!training, futureCap: 8, windowDays: 30 }));
      await setRule(db, admin, adminCtx, r.id, 'host_staff', rule({ noticeMinutes: 30, futureCap: 10 }));
      await setRule(db, admin, adminCtx, r.id, 'outside_maker', rule({ noticeMinutes: 1440, windowDays: 14, maxMinutes: 180, needsApproval: !!approval, requiresQualification: !!training }));
      resourceIds.push({ id: r.id, item });
      if (training) await grantQualification(db, staff, staffCtx, r.id, { userId: maker.userId, expiresOn: new Date(now.getTime() + 300 * DAY).toISOString().slice(0, 10), note: '安全操作培训合格' }, { now: new Date(now.getTime() - 62 * DAY) });
    }
    const laser = resourceIds.find((r) => r.item.category === '激光切割');
    if (laser) await addBlackout(db, staff, staffCtx, laser.id, { startsAt: at(now, 9, 8), endsAt: at(now, 10, 21), reason: '激光管更换与光路校准' });

    // Two months of past bookings on the hour-priced resources, the maker and the space's staff taking turns.
    const hourly = resourceIds.filter((r) => r.item.feeUnit === 'hour').slice(0, 2);
    let noShows = 0;
    for (const [k, r] of hourly.entries()) {
      for (let d = -58 + k; d < 0; d += 4) {
        const start = at(now, d, 9 + ((d + 60) % 3) * 3);
        if (!isWeekday(start)) continue;
        serial += 1;
        const byMaker = serial % 2 === 0 && !(r.item.approval && !s.makerIsIncubatee);
        const who = byMaker ? maker : staff;
        const end = new Date(start.getTime() + (60 + (serial % 3) * 30) * MIN);
        const b = await book(db, who, ctxOf(who), r.id, { startsAt: start, endsAt: end, purpose: byMaker ? '产品外壳打样' : '空间培训课程备课' }, { now: new Date(start.getTime() - 2 * DAY) });
        if (b.status === 'pending') await decide(db, staff, staffCtx, b.id, { approve: true }, { now: new Date(start.getTime() - DAY) });
        if (byMaker && noShows < 1 && serial % 5 === 0) {
          noShows += 1;
          await releaseNoShow(db, { bookingId: b.id, startsAt: start.toISOString() }, { now: new Date(start.getTime() + 61 * MIN) });
          continue;
        }
        if (byMaker && serial % 7 === 0) {
          await cancel(db, who, ctxOf(who), b.id, { reason: '样件未到' }, { now: new Date(start.getTime() - 3 * 60 * MIN) });
          continue;
        }
        await checkIn(db, staff, staffCtx, b.id, { now: new Date(start.getTime() + 5 * MIN) });
        const out = await checkOut(db, staff, staffCtx, b.id, {}, { now: new Date(end.getTime() - 5 * MIN) });
        if (byMaker && (out.chargeFen ?? 0) >= 3000 && serial % 3 === 0)
          await redeemVoucher(db, staff, staffCtx, b.id, { issuer: '市科学技术局', number: `KJCXQ-${String(serial).padStart(5, '0')}`, amountFen: Math.floor((out.chargeFen ?? 0) / 2) });
      }
    }

    // Upcoming: the maker's confirmed bookings, one waiting for approval, and one waitlist.
    const first = resourceIds[0]!;
    const upcoming = await book(db, maker, makerCtx, first.id, { startsAt: at(now, 3, 10), endsAt: at(now, 3, 12), purpose: '结构件打样' });
    void upcoming;
    const needsApproval = resourceIds.find((r) => r.item.approval);
    if (needsApproval && !s.makerIsIncubatee) await book(db, maker, makerCtx, needsApproval.id, { startsAt: at(now, 5, 14), endsAt: at(now, 5, 15), purpose: '电路板信号测试' });
    if (!waitlisted) {
      waitlisted = true;
      const held = await book(db, staff, staffCtx, first.id, { startsAt: at(now, 4, 14), endsAt: at(now, 4, 16), purpose: '创客训练营实操' });
      await joinWaitlist(db, maker, makerCtx, first.id, { startsAt: held.startsAt, endsAt: held.endsAt });
    }
  }
}
