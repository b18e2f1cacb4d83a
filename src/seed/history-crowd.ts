/**
 * The demo's crowd challenges, funds and financing (issue 16). 沈阳新锐机器人集团 (the host of the
 * 沈阳 robot space) poses two challenges through its space: one awarded after two teams' solutions
 * were scored by its panel (an expert of the 辽宁 pool and the space's operations officer), one still
 * open. 长葛智能装备众创空间 keeps its own angel fund and a partner fund, registers investors, raises
 * financing requests for incubatees of its roster, and records two investments, which reach the
 * roster's financing rounds. Entered through the modules' service functions by the accounts that do them.
 */
import { Readable } from 'node:stream';
import { and, eq, inArray } from 'drizzle-orm';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { SYSTEM_CONTEXT as SYSTEM, type AuditContext } from '../modules/audit/index.ts';
import { awardChallenge, createChallenge, publishChallenge, scoreSolution, startJudging, submitSolution } from '../modules/crowd/index.ts';
import { uploadFile } from '../modules/files/index.ts';
import { createFund, raiseRequest, recordInvestment, registerInvestor } from '../modules/financing/index.ts';
import { createAccount, loadActor, users } from '../modules/identity/index.ts';
import { createOrganisation } from '../modules/orgs/index.ts';
import { incubatees } from '../modules/roster/index.ts';
import { spaces } from '../modules/spaces/index.ts';
import type { Actor } from '../shared/actor.ts';
import { DEMO_PASSWORD } from './demo.ts';
import { demoPdf } from './pdf.ts';
import { beijingDay } from '../shared/beijing-time.ts';

const ctxOf = (actor: Actor): AuditContext => ({ actorUserId: actor.userId, actorUsername: actor.username, actorOrgId: actor.org.id, ip: null, requestId: null });

export async function seedCrowdHistory(db: Db, config: Config, now: Date = new Date()): Promise<void> {
  const today = beijingDay(now);
  const year = Number(today.slice(0, 4));

  // A second maker team, so the awarded challenge has competing solutions.
  const team = await createOrganisation(db, SYSTEM, { name: '沈阳青创机器视觉创客团队', kind: 'maker_team', regionCode: '210102' });
  await createAccount(db, config, SYSTEM, { username: 'maker_zhang', displayName: '张弛（创客）', password: DEMO_PASSWORD, orgId: team.id, roles: ['maker'], mustChangePassword: false });

  const names = ['op_robot_admin', 'op_robot_staff', 'expert_li', 'maker_chen', 'maker_zhang', 'cg_zhineng'];
  const accounts = await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, names));
  const as = async (username: string) => (await loadActor(db, accounts.find((a) => a.username === username)!.id, 'demo-seed'))!;
  const [operator, staff, expert, chen, zhang, cg] = await Promise.all(names.map(as)) as [Actor, Actor, Actor, Actor, Actor, Actor];
  const spaceRows = await db.select({ id: spaces.id, name: spaces.name }).from(spaces).where(inArray(spaces.name, ['沈阳智能机器人专业化众创空间', '长葛智能装备众创空间']));
  const robot = spaceRows.find((s) => s.name === '沈阳智能机器人专业化众创空间')!.id;
  const changge = spaceRows.find((s) => s.name === '长葛智能装备众创空间')!.id;

  // ---- crowd challenges ----
  const opCtx = ctxOf(operator);
  const panelUserIds = [expert.userId, staff.userId];
  let awarded = await createChallenge(db, operator, opCtx, robot, {
    title: '协作机器人末端快换装置设计',
    field: 'advanced_equipment',
    description: '集团协作机器人产线需要一种 10 秒内完成末端工具更换的快换装置：负载 5 公斤，重复定位精度 0.05 毫米，兼容气路与信号接口。',
    deliverables: '设计方案说明书、三维模型与工程图、样机测试报告',
    ipTerms: 'issuer',
    confidentiality: '集团提供的接口图纸及方案内容不得对外披露，评审结束后未采纳方案退还解题方。',
    rewardYuan: 50_000,
    deadline: `${year + 1}-03-31`,
    panelUserIds,
  });
  awarded = await publishChallenge(db, operator, opCtx, awarded.id, { revision: awarded.revision });
  const solutions: string[] = [];
  for (const [maker, title, summary] of [
    [chen, '钢珠锁紧气动快换方案', '采用钢珠锁紧与气动释放结构，换装时间 6 秒，锁紧力 1200 牛，集成 8 路信号触点。'],
    [zhang, '电磁吸附加机械保险快换方案', '电磁吸附定位，断电由机械保险保持，换装时间 8 秒，适合轻载场景。'],
  ] as const) {
    const file = await uploadFile(db, config, ctxOf(maker), maker, { filename: `${title}.pdf`, stream: Readable.from(demoPdf(`crowd / ${title}`)) });
    solutions.push((await submitSolution(db, maker, ctxOf(maker), awarded.id, { title, summary, fileIds: [file.id] })).id);
  }
  awarded = await startJudging(db, operator, opCtx, awarded.id, { revision: awarded.revision });
  await scoreSolution(db, expert, ctxOf(expert), solutions[0]!, { score: 90, comment: '结构紧凑，换装快，锁紧可靠。' });
  await scoreSolution(db, expert, ctxOf(expert), solutions[1]!, { score: 76, comment: '断电保持需要进一步验证。' });
  await scoreSolution(db, staff, ctxOf(staff), solutions[0]!, { score: 88, comment: '与现有产线接口兼容。' });
  await scoreSolution(db, staff, ctxOf(staff), solutions[1]!, { score: 80 });
  await awardChallenge(db, operator, opCtx, awarded.id, { solutionId: solutions[0]!, note: '评审组综合评分第一，知识产权归集团所有。', revision: awarded.revision });

  const open = await createChallenge(db, operator, opCtx, robot, {
    title: '焊接机器人焊缝视觉跟踪算法',
    field: 'electronic_information',
    description: '薄板焊接时热变形导致焊缝偏移，需要一种基于线激光视觉的实时焊缝跟踪算法，偏差控制在 0.2 毫米以内。',
    deliverables: '算法说明、可运行的演示程序与测试数据集上的精度报告',
    ipTerms: 'licence',
    confidentiality: '集团提供的焊接现场图像仅用于本任务，不得公开或另作他用。',
    rewardYuan: 80_000,
    deadline: `${year + 1}-06-30`,
    panelUserIds,
  });
  await publishChallenge(db, operator, opCtx, open.id, { revision: open.revision });

  // One in a filed space, so 辽宁's authorities find their jurisdiction's crowd work on 众包与投融资统计
  // (the robot space belongs to the browser tests and is never filed); judged by its own staff.
  const [huakang] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'sy_huakang'));
  const bio = (await loadActor(db, huakang!.id, 'demo-seed'))!;
  const [bioSpace] = await db.select({ id: spaces.id }).from(spaces).where(eq(spaces.name, '沈阳浑南生物医药专业化众创空间'));
  const cellLine = await createChallenge(db, bio, ctxOf(bio), bioSpace!.id, {
    title: 'CHO 细胞培养基国产化配方优化',
    field: 'biotechnology',
    description: '华康生物的抗体药中试线使用进口无血清培养基，需要一种国产原料配方，使 CHO 细胞表达量不低于现用培养基的 90%。',
    deliverables: '配方与工艺说明、三批次对比培养数据、成本测算',
    ipTerms: 'shared',
    confidentiality: '中试线工艺参数仅用于本任务，不得对外披露。',
    rewardYuan: 120_000,
    deadline: `${year + 1}-05-31`,
    panelUserIds: [bio.userId],
  });
  await publishChallenge(db, bio, ctxOf(bio), cellLine.id, { revision: cellLine.revision });

  // ---- funds and financing ----
  const cgCtx = ctxOf(cg);
  const ownFund = await createFund(db, cg, cgCtx, changge, { name: '长葛智能装备天使基金', kind: 'own', sizeWan: 1000, manager: '长葛市智能装备创业服务有限公司', since: '2019-06-18', active: true });
  await createFund(db, cg, cgCtx, changge, { name: '许昌市科技创新创业投资基金', kind: 'partner', sizeWan: 20000, manager: '许昌市投资集团有限公司', partner: '许昌市投资集团有限公司', since: '2020-03-01', active: true });
  const zhongyuan = await registerInvestor(db, cg, cgCtx, { name: '中原科创天使投资合伙企业', type: 'organisation', fields: ['advanced_equipment', 'new_materials'], intro: '专注河南省智能制造与新材料早期项目' });
  await registerInvestor(db, cg, cgCtx, { name: '许昌产业升级投资基金', type: 'organisation', fields: ['advanced_equipment', 'energy_saving', 'modern_agriculture'], intro: '投资许昌市传统产业升级与节能环保项目' });
  await registerInvestor(db, cg, cgCtx, { name: '郑州文创天使投资人联盟', type: 'organisation', fields: ['cultural_creative', 'modern_services'], intro: '文创与现代服务业天使投资' });

  const residents = await db
    .select({ id: incubatees.id })
    .from(incubatees)
    .where(and(eq(incubatees.spaceId, changge), eq(incubatees.status, 'resident')))
    .orderBy(incubatees.name)
    .limit(3);
  const requests = [
    { amountWan: 500, round: 'angel' as const, purpose: '伺服驱动器样机量产与市场推广' },
    { amountWan: 200, round: 'seed' as const, purpose: '工业视觉检测设备研发' },
    { amountWan: 800, round: 'pre_a' as const, purpose: '扩建智能仓储机器人装配线' },
  ];
  const raised = [];
  for (const [i, r] of requests.entries()) if (residents[i]) raised.push(await raiseRequest(db, cg, cgCtx, changge, { incubateeId: residents[i].id, ...r, field: 'advanced_equipment' }));
  if (raised[0]) await recordInvestment(db, cg, cgCtx, raised[0].id, { investedOn: today, amountWan: 300, type: 'equity', investorId: zhongyuan.id });
  if (raised[1]) await recordInvestment(db, cg, cgCtx, raised[1].id, { investedOn: today, amountWan: 50, type: 'debt', fundId: ownFund.id });
}
