/**
 * The demo's shared equipment (issue 15): each demo space and three filed 许昌 spaces offer 5–6
 * resources with rules per user group, an outage, and two months of bookings — the past ones checked
 * in and out and charged (one with a 科技创新券), some no-shows, one late cancellation — plus upcoming
 * ones, one waiting for approval and one waitlist. The printers, the laser cutter and the roadshow
 * hall have photos (drawn PNGs: a machine on its bench), so the resource view, the search's covers
 * and the space's public page show them. Driven through the booking module's service functions by
 * the accounts that would act, at the times they would have acted.
 */
import { Readable } from 'node:stream';
import { eq, inArray } from 'drizzle-orm';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { AuditContext } from '../modules/audit/index.ts';
import {
  addBlackout,
  addPhoto,
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
import { uploadFile } from '../modules/files/index.ts';
import { loadActor, users } from '../modules/identity/index.ts';
import { spaces } from '../modules/spaces/index.ts';
import type { Actor } from '../shared/actor.ts';
import { BEIJING_OFFSET_MS, beijingDay, beijingMidnight } from '../shared/beijing-time.ts';
import { demoPng, type PngBox } from './png.ts';

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

type Rgb = [number, number, number];
const STEEL: Rgb = [96, 104, 112];
const DARK: Rgb = [45, 50, 56];
const bench = (colour: Rgb): PngBox => ({ left: 0, top: 0.82, right: 1, bottom: 1, colour });

/** The photos of a resource by its name, the first its cover: the room and background, then the machine's parts. */
const PHOTOS: Record<string, { name: string; from: Rgb; to: Rgb; boxes: PngBox[] }[]> = {
  '工业级 FDM 3D 打印机': [
    {
      name: '设备外观',
      from: [236, 240, 244],
      to: [200, 208, 216],
      boxes: [bench([160, 120, 80]), { left: 0.3, top: 0.12, right: 0.7, bottom: 0.82, colour: DARK }, { left: 0.36, top: 0.22, right: 0.64, bottom: 0.62, colour: [222, 226, 230] }, { left: 0.38, top: 0.56, right: 0.62, bottom: 0.6, colour: [250, 140, 22] }],
    },
    { name: '打印样件', from: [250, 250, 250], to: [220, 224, 228], boxes: [bench([120, 124, 128]), { left: 0.2, top: 0.5, right: 0.38, bottom: 0.82, colour: [22, 119, 255] }, { left: 0.46, top: 0.36, right: 0.58, bottom: 0.82, colour: [245, 34, 45] }, { left: 0.66, top: 0.6, right: 0.82, bottom: 0.82, colour: [82, 196, 26] }] },
  ],
  '光固化 3D 打印机': [
    { name: '设备外观', from: [240, 242, 245], to: [210, 214, 220], boxes: [bench([160, 120, 80]), { left: 0.38, top: 0.2, right: 0.62, bottom: 0.82, colour: [235, 235, 235] }, { left: 0.4, top: 0.24, right: 0.6, bottom: 0.56, colour: [250, 173, 20] }, { left: 0.38, top: 0.7, right: 0.62, bottom: 0.82, colour: DARK }] },
  ],
  激光切割机: [
    { name: '设备外观', from: [230, 234, 238], to: [190, 196, 204], boxes: [{ left: 0.08, top: 0.3, right: 0.92, bottom: 0.88, colour: STEEL }, { left: 0.12, top: 0.36, right: 0.7, bottom: 0.56, colour: [40, 40, 40] }, { left: 0.76, top: 0.38, right: 0.88, bottom: 0.6, colour: [22, 119, 255] }, { left: 0.06, top: 0.88, right: 0.94, bottom: 1, colour: DARK }] },
  ],
  路演厅: [
    { name: '路演厅全景', from: [60, 40, 30], to: [110, 80, 60], boxes: [{ left: 0.25, top: 0.08, right: 0.75, bottom: 0.46, colour: [230, 240, 255] }, { left: 0, top: 0.62, right: 1, bottom: 0.7, colour: [170, 30, 40] }, { left: 0, top: 0.78, right: 1, bottom: 0.86, colour: [170, 30, 40] }, { left: 0, top: 0.92, right: 1, bottom: 1, colour: [170, 30, 40] }] },
  ],
};

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
  return new Date(beijingMidnight(day).getTime() + hour * 60 * MIN);
};
const isWeekday = (d: Date) => {
  const w = new Date(d.getTime() + BEIJING_OFFSET_MS).getUTCDay();
  return w >= 1 && w <= 5;
};

export async function seedBookingHistory(db: Db, config: Config, now: Date = new Date()): Promise<void> {
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
      for (const photo of PHOTOS[item.name] ?? []) {
        const file = await uploadFile(db, config, adminCtx, admin, { filename: `${item.name}-${photo.name}.png`, stream: Readable.from(demoPng(photo.from, photo.to, photo.boxes)) });
        await addPhoto(db, admin, adminCtx, r.id, file.id);
      }
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
