/**
 * The demo's open service platform (issue 15): a few services in each of the three 许昌 roster
 * spaces and the three demo operators' own spaces, orders of the demo maker team (陈晨智能硬件创客团队) in every state of the order flow, and
 * mentors with coaching relations with the rosters' incubatees and sessions this year. Entered
 * through the services' and mentors' service functions by each space's operator admin and the maker.
 */
import { Readable } from 'node:stream';
import { and, eq, inArray } from 'drizzle-orm';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { AuditContext } from '../modules/audit/index.ts';
import { uploadFile } from '../modules/files/index.ts';
import { loadActor, users } from '../modules/identity/index.ts';
import { createMentor, createRelation, logSession, moveRelation, type MentorInput } from '../modules/mentors/index.ts';
import { incubatees } from '../modules/roster/index.ts';
import { acceptOrder, cancelOrder, createService, declineOrder, deliverOrder, quoteOrder, rateOrder, requestOrder, type ServiceInput } from '../modules/services/index.ts';
import { spaces } from '../modules/spaces/index.ts';
import type { Actor } from '../shared/actor.ts';
import { demoPdf } from './pdf.ts';
import { beijingDay } from '../shared/beijing-time.ts';

const ctxOf = (actor: Actor): AuditContext => ({ actorUserId: actor.userId, actorUsername: actor.username, actorOrgId: actor.org.id, ip: null, requestId: null });

const SPACES: { username: string; space: string; services: ServiceInput[]; mentors: MentorInput[] }[] = [
  {
    username: 'cg_zhineng',
    space: '长葛智能装备众创空间',
    services: [
      { name: '数控零件工业设计', kind: 'industrial_design', description: '装备零部件结构与外观设计，交付三维模型与工程图。', priceBasis: 'fixed', priceFen: 600_000, leadDays: 10, active: true },
      { name: '金属材料力学性能检测', kind: 'testing', description: '拉伸、硬度、冲击试验，出具检测报告（委托第三方 CMA 实验室）。', priceBasis: 'quote', leadDays: 7, active: true },
      { name: '样机钣金与模型加工', kind: 'model_making', description: '激光切割、折弯、焊接的小批量样机加工。', priceBasis: 'quote', leadDays: 15, active: true },
      { name: '小批量中试生产', kind: 'pilot_production', description: '依托许昌装备产业园的中试线，50–500 件小批量试产。', priceBasis: 'quote', leadDays: 30, active: true },
    ],
    mentors: [
      { name: '赵振华', kind: 'industry', term: 'part_time', fields: ['数控装备', '精密加工'], affiliation: '许昌远东传动轴股份有限公司', title: '总工程师', contactMobile: '13903740101', active: true },
      { name: '钱立新', kind: 'technology', term: 'part_time', fields: ['工业视觉', '伺服控制'], affiliation: '许昌学院电气工程学院', title: '教授', contactMobile: '13903740102', active: true },
      { name: '孙慧', kind: 'startup', term: 'full_time', fields: ['商业计划', '股权设计'], affiliation: '长葛智能装备众创空间', title: '创业辅导师', contactMobile: '13903740103', active: true },
    ],
  },
  {
    username: 'yz_qingnian',
    space: '禹州青年创业园众创空间',
    services: [
      { name: '电商品牌推广', kind: 'promotion', description: '直播带货与短视频推广方案，含一场直播执行。', priceBasis: 'fixed', priceFen: 300_000, leadDays: 14, active: true },
      { name: '商标与软件著作权代理', kind: 'intellectual_property', description: '商标注册、软件著作权登记代理。', priceBasis: 'fixed', priceFen: 150_000, leadDays: 20, active: true },
      { name: '天使投资路演对接', kind: 'financing', description: '每季度一次路演，对接许昌市科技创新创业投资基金等机构。', priceBasis: 'free', leadDays: 30, active: true },
    ],
    mentors: [
      { name: '周文博', kind: 'industry', term: 'part_time', fields: ['电子商务', '农产品供应链'], affiliation: '禹州市电子商务产业园', title: '运营总监', contactMobile: '13903740201', active: true },
      { name: '吴敏', kind: 'startup', term: 'part_time', fields: ['融资辅导'], affiliation: '许昌市科技创新创业投资基金', title: '投资经理', contactMobile: '13903740202', active: true },
    ],
  },
  {
    username: 'yz_shenhou',
    space: '神垕钧瓷文创众创空间',
    services: [
      { name: '钧瓷文创产品设计', kind: 'industrial_design', description: '文创礼品造型与包装设计。', priceBasis: 'quote', leadDays: 20, active: true },
      { name: '釉料成分检验检测', kind: 'testing', description: '釉料化学成分与铅镉溶出检测。', priceBasis: 'fixed', priceFen: 80_000, leadDays: 5, active: true },
      { name: '外观设计专利申请', kind: 'patent_standard', description: '外观设计专利检索、申请文件撰写与提交。', priceBasis: 'fixed', priceFen: 200_000, leadDays: 30, active: true },
      { name: '渠道与市场对接', kind: 'supply_chain', description: '对接景区、文旅商店与电商平台渠道。', priceBasis: 'free', leadDays: 10, active: false },
    ],
    mentors: [
      { name: '郑钧彦', kind: 'industry', term: 'part_time', fields: ['钧瓷烧制', '非遗传承'], affiliation: '禹州市钧瓷研究所', title: '高级工艺美术师', contactMobile: '13903740301', active: true },
      { name: '王晓', kind: 'technology', term: 'part_time', fields: ['陶瓷材料'], affiliation: '景德镇陶瓷大学', title: '副教授', contactMobile: '13903740302', active: true },
    ],
  },
  // The three demo operators' own spaces: applicants whose catalogues and mentors are their own until
  // they are filed (the platform-wide search lists filed spaces), coaching the teams of their rosters.
  {
    username: 'op_robot_admin',
    space: '沈阳智能机器人专业化众创空间',
    services: [
      { name: '协作机器人应用方案设计', kind: 'industrial_design', description: '工作站布局、末端执行器与节拍仿真，交付方案书与三维模型。', priceBasis: 'fixed', priceFen: 500_000, leadDays: 12, active: true },
      { name: '机器人整机性能检测', kind: 'testing', description: '重复定位精度、负载与安全功能检测，依托机器人检测与中试公共技术服务平台。', priceBasis: 'quote', leadDays: 10, active: true },
      { name: '控制器小批量中试', kind: 'pilot_production', description: '伺服控制器与示教器 20–200 套小批量试产。', priceBasis: 'quote', leadDays: 30, active: true },
    ],
    mentors: [
      { name: '韩立东', kind: 'industry', term: 'part_time', fields: ['工业机器人', '系统集成'], affiliation: '沈阳新松机器人自动化股份有限公司', title: '高级工程师', contactMobile: '13904240101', active: true },
      { name: '宋雨桐', kind: 'technology', term: 'part_time', fields: ['运动控制', '机器视觉'], affiliation: '东北大学机器人科学与工程学院', title: '副教授', contactMobile: '13904240102', active: true },
    ],
  },
  {
    username: 'op_univ_admin',
    space: '金陵理工生物医药专业化众创空间',
    services: [
      { name: '药物分析检测', kind: 'testing', description: '含量测定、有关物质与溶出度检测，出具检测报告。', priceBasis: 'quote', leadDays: 10, active: true },
      { name: '医疗器械注册申报辅导', kind: 'patent_standard', description: '二类医疗器械注册检验与技术文件编写辅导。', priceBasis: 'fixed', priceFen: 1_000_000, leadDays: 45, active: true },
      { name: '专利布局与申请', kind: 'intellectual_property', description: '围绕核心产品的专利检索、布局与申请文件撰写。', priceBasis: 'fixed', priceFen: 350_000, leadDays: 30, active: true },
    ],
    mentors: [
      { name: '许若宁', kind: 'industry', term: 'part_time', fields: ['创新药研发', '临床申报'], affiliation: '南京生物医药谷', title: '研发总监', contactMobile: '13905250101', active: true },
      { name: '陆文清', kind: 'startup', term: 'full_time', fields: ['融资辅导', '商业计划'], affiliation: '金陵理工生物医药专业化众创空间', title: '创业辅导师', contactMobile: '13905250102', active: true },
    ],
  },
  {
    username: 'op_cg_admin',
    space: '长葛创新工场众创空间',
    services: [
      { name: '超硬材料性能检测', kind: 'testing', description: '金刚石制品硬度、耐磨性与粒度检测。', priceBasis: 'fixed', priceFen: 120_000, leadDays: 7, active: true },
      { name: '再生金属供应链对接', kind: 'supply_chain', description: '对接大周再生金属园区的回收与加工企业。', priceBasis: 'free', leadDays: 10, active: true },
      { name: '刀具产品推广', kind: 'promotion', description: '行业展会与线上渠道推广。', priceBasis: 'quote', leadDays: 20, active: true },
    ],
    mentors: [
      { name: '冯国强', kind: 'industry', term: 'part_time', fields: ['超硬材料', '金刚石工具'], affiliation: '河南长葛超硬材料产业园', title: '高级工程师', contactMobile: '13903740401', active: true },
      { name: '程晓', kind: 'technology', term: 'part_time', fields: ['粉末冶金'], affiliation: '郑州大学材料科学与工程学院', title: '教授', contactMobile: '13903740402', active: true },
    ],
  },
];

/** Each order of the maker: the service (space index, service index) and how far it got. */
const ORDERS: { at: [number, number]; state: 'requested' | 'quoted' | 'accepted' | 'delivered' | 'rated' | 'declined' | 'cancelled'; note: string }[] = [
  { at: [0, 0], state: 'rated', note: '为桌面机械臂设计外壳与底座，需要三维模型和工程图。' },
  { at: [0, 1], state: 'delivered', note: '铝合金连杆 6 件做拉伸与硬度检测。' },
  { at: [0, 2], state: 'accepted', note: '机械臂样机钣金件 3 套。' },
  { at: [2, 2], state: 'quoted', note: '智能茶具外观设计专利申请。' },
  { at: [1, 0], state: 'requested', note: '新品上线的直播推广方案。' },
  { at: [0, 3], state: 'declined', note: '200 件控制盒试产。' },
  { at: [1, 1], state: 'cancelled', note: '两件商标注册。' },
  { at: [2, 1], state: 'rated', note: '釉面茶杯铅镉溶出检测 5 件。' },
  // The maker's team is one of the robot space's incubatees: its own space's services.
  { at: [3, 0], state: 'rated', note: '桌面机械臂码垛工作站方案，节拍 12 件/分钟。' },
  { at: [3, 1], state: 'delivered', note: '机械臂样机重复定位精度检测。' },
];

export async function seedServicesHistory(db: Db, config: Config, now: Date = new Date()): Promise<void> {
  const today = beijingDay(now);
  const year = today.slice(0, 4);
  const upToToday = (d: string) => (d > today ? today : d);
  const inDays = (n: number) => beijingDay(new Date(now.getTime() + n * 86_400_000));
  const accounts = await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, [...SPACES.map((s) => s.username), 'maker_chen']));
  const actorOf = async (username: string) => (await loadActor(db, accounts.find((a) => a.username === username)!.id, 'demo-seed'))!;
  const spaceRows = await db.select({ id: spaces.id, name: spaces.name }).from(spaces).where(inArray(spaces.name, SPACES.map((s) => s.space)));
  const maker = await actorOf('maker_chen');
  const serviceIds: string[][] = [];
  const operators: Actor[] = [];

  for (const s of SPACES) {
    const actor = await actorOf(s.username);
    operators.push(actor);
    const ctx = ctxOf(actor);
    const spaceId = spaceRows.find((r) => r.name === s.space)!.id;
    const ids: string[] = [];
    for (const input of s.services) ids.push((await createService(db, actor, ctx, spaceId, input)).id);
    serviceIds.push(ids);

    // Mentors coach the space's resident incubatees: one relation each, sessions this year.
    const residents = await db.select({ id: incubatees.id }).from(incubatees).where(and(eq(incubatees.spaceId, spaceId), eq(incubatees.status, 'resident'))).orderBy(incubatees.name);
    for (const [m, input] of s.mentors.entries()) {
      // Most mentors agree that makers may ask for their contacts on the public page; the second of each space does not.
      const mentor = await createMentor(db, actor, ctx, spaceId, { ...input, contactConsent: m !== 1 });
      for (const [r, incubatee] of residents.filter((_, i) => i % s.mentors.length === m).slice(0, 3).entries()) {
        const relation = await createRelation(db, actor, ctx, mentor.id, { incubateeId: incubatee.id, goal: `${input.fields[0]}方向的辅导` });
        if (r === 2) continue; // one stays pending
        const startedOn = upToToday(`${year}-0${1 + r}-0${5 + m}`);
        await moveRelation(db, actor, ctx, relation.id, { state: 'active', on: startedOn });
        const sessions = 3 - r - (m % 2);
        for (let k = 0; k < sessions; k++) {
          const heldOn = upToToday(`${year}-${String(2 + r + k * 2).padStart(2, '0')}-${String(10 + m * 3 + k).padStart(2, '0')}`);
          await logSession(db, actor, ctx, relation.id, {
            heldOn: heldOn < startedOn ? startedOn : heldOn,
            topic: ['产品定位与市场验证', '技术路线评审', '融资计划梳理', '生产工艺改进'][(k + m) % 4]!,
            durationMinutes: 60 + 30 * ((k + r) % 3),
            outcome: ['明确目标客户并修订产品需求', '确定样机改进清单', '完成商业计划书第二稿', '改进工艺，良率提高'][(k + m + r) % 4]!,
          });
        }
        if (r === 1 && m === 0) await moveRelation(db, actor, ctx, relation.id, { state: 'completed', on: today });
      }
    }
  }

  // The maker's orders, each taken as far as its state.
  const makerCtx = ctxOf(maker);
  for (const o of ORDERS) {
    const operator = operators[o.at[0]]!;
    const opCtx = ctxOf(operator);
    const input = SPACES[o.at[0]]!.services[o.at[1]]!;
    let order = await requestOrder(db, maker, makerCtx, serviceIds[o.at[0]]![o.at[1]]!, { note: o.note });
    if (o.state === 'requested') continue;
    if (o.state === 'declined') {
      await declineOrder(db, operator, opCtx, order.id, { reason: '中试线本季度排期已满，请下季度再预约。', revision: order.revision });
      continue;
    }
    if (o.state === 'cancelled') {
      await cancelOrder(db, maker, makerCtx, order.id, { reason: '已由团队自行办理。', revision: order.revision });
      continue;
    }
    const amountFen = input.priceBasis === 'fixed' ? input.priceFen! : input.priceBasis === 'free' ? 0 : 450_000;
    order = await quoteOrder(db, operator, opCtx, order.id, { amountFen, dueOn: inDays(input.leadDays), note: '含一次修改。', revision: order.revision });
    if (o.state === 'quoted') continue;
    order = await acceptOrder(db, maker, makerCtx, order.id, { revision: order.revision });
    if (o.state === 'accepted') continue;
    const file = await uploadFile(db, config, opCtx, operator, { filename: `${input.name}-交付成果.pdf`, stream: Readable.from(demoPdf(`delivery / ${order.id}`)) });
    order = await deliverOrder(db, operator, opCtx, order.id, { fileIds: [file.id], note: '成果文件见附件，实物已线下交接。', revision: order.revision });
    if (o.state === 'delivered') continue;
    await rateOrder(db, maker, makerCtx, order.id, { rating: o.at[0] === 2 ? 4 : 5, comment: '专业、及时。', revision: order.revision });
  }
}
