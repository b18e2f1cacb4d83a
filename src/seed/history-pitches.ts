/**
 * The demo's roadshow and competition calls (issue 16). The 沈阳 robot space ran a call for its
 * roadshow a month ago: two teams applied, its panel (an expert of the 辽宁 pool and the space's
 * operations officer) scored them, one reviewer recused from a team it knows, and the results are
 * published. Its competition has an open call with two applications, which maker_chen has not
 * joined yet (the demo maker finds it open). 长葛智能装备众创空间's next roadshow has a call whose
 * window has just closed: two applications wait for expert_li's scores. Entered through the
 * modules' service functions by the accounts that do them, at the times they happened.
 */
import { Readable } from 'node:stream';
import { and, eq, inArray } from 'drizzle-orm';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { SYSTEM_CONTEXT as SYSTEM, type AuditContext } from '../modules/audit/index.ts';
import { createEvent, publishEvent, spaceEvents } from '../modules/events/index.ts';
import { uploadFile } from '../modules/files/index.ts';
import { createAccount, loadActor, users } from '../modules/identity/index.ts';
import { createOrganisation } from '../modules/orgs/index.ts';
import {
  applyToPitchCall,
  createPitchCall,
  decidePitchAwards,
  openPitchCall,
  publishPitchResults,
  scorePitchApplication,
  startPitchReview,
  type PitchApplicationInput,
} from '../modules/pitches/index.ts';
import { spaces } from '../modules/spaces/index.ts';
import type { Actor } from '../shared/actor.ts';
import { DEMO_PASSWORD } from './demo.ts';
import { demoPdf } from './pdf.ts';

const ctxOf = (actor: Actor): AuditContext => ({ actorUserId: actor.userId, actorUsername: actor.username, actorOrgId: actor.org.id, ip: null, requestId: null });
const DAY = 86_400_000;

const CRITERIA = [
  { name: '技术创新性', weight: 35 },
  { name: '市场前景', weight: 30 },
  { name: '团队能力', weight: 20 },
  { name: '路演表现', weight: 15 },
];

export async function seedPitchHistory(db: Db, config: Config, now: Date = new Date()): Promise<void> {
  const at = (days: number) => new Date(now.getTime() + days * DAY);
  // A third team, so the open competition call has applications besides maker_zhang's.
  const team = await createOrganisation(db, SYSTEM, { name: '浑南智能传感创客团队', kind: 'maker_team', regionCode: '210102' });
  await createAccount(db, config, SYSTEM, { username: 'maker_zhou', displayName: '周航（创客）', password: DEMO_PASSWORD, orgId: team.id, roles: ['maker'], mustChangePassword: false });

  const names = ['op_robot_admin', 'op_robot_staff', 'expert_li', 'maker_chen', 'maker_zhang', 'maker_zhou', 'cg_zhineng'];
  const accounts = await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, names));
  const as = async (username: string) => (await loadActor(db, accounts.find((a) => a.username === username)!.id, 'demo-seed'))!;
  const [operator, staff, expert, chen, zhang, zhou, cg] = (await Promise.all(names.map(as))) as [Actor, Actor, Actor, Actor, Actor, Actor, Actor];
  const spaceRows = await db.select({ id: spaces.id, name: spaces.name }).from(spaces).where(inArray(spaces.name, ['沈阳智能机器人专业化众创空间', '长葛智能装备众创空间']));
  const robot = spaceRows.find((s) => s.name === '沈阳智能机器人专业化众创空间')!.id;
  const changge = spaceRows.find((s) => s.name === '长葛智能装备众创空间')!.id;
  const robotEvents = await db.select().from(spaceEvents).where(and(eq(spaceEvents.spaceId, robot), inArray(spaceEvents.kind, ['roadshow', 'competition'])));
  const pastRoadshow = robotEvents.find((e) => e.kind === 'roadshow' && e.status === 'held');
  const competition = robotEvents.find((e) => e.kind === 'competition' && e.status === 'published');
  if (!pastRoadshow || !competition) return;

  const applyAs = async (maker: Actor, callId: string, input: Omit<PitchApplicationInput, 'fileIds'>, when: Date) => {
    const file = await uploadFile(db, config, ctxOf(maker), maker, { filename: `${input.projectName}商业计划书.pdf`, stream: Readable.from(demoPdf(`pitch / ${input.projectName}`)) });
    return applyToPitchCall(db, maker, ctxOf(maker), callId, { ...input, fileIds: [file.id] }, when);
  };
  const opCtx = ctxOf(operator);
  const panelUserIds = [expert.userId, staff.userId];

  // ---- the past roadshow: published results ----
  const pastOpen = new Date(pastRoadshow.startsAt.getTime() - 30 * DAY);
  let past = await createPitchCall(
    db,
    operator,
    opCtx,
    robot,
    {
      eventId: pastRoadshow.id,
      title: '工业机器人项目路演对接会项目征集',
      field: 'advanced_equipment',
      eligibility: '工业机器人及智能装备方向的创客团队或初创企业，成立不超过三年，未获得 A 轮及以上融资。',
      opensAt: pastOpen,
      closesAt: new Date(pastRoadshow.startsAt.getTime() - 7 * DAY),
      criteria: CRITERIA,
      awardCount: 2,
      panelUserIds,
    },
    new Date(pastOpen.getTime() - DAY),
  );
  past = await openPitchCall(db, operator, opCtx, past.id, { revision: past.revision }, new Date(pastOpen.getTime() - DAY));
  const p1 = await applyAs(chen, past.id, { projectName: '协作机器人视觉抓取模组', summary: '基于深度相机的无序抓取模组，识别准确率 99%，已在两家汽车零部件工厂试用。', stage: 'prototype', team: '陈晨（负责人，视觉算法）、王磊（机械结构）、赵敏（市场）' }, new Date(pastOpen.getTime() + 3 * DAY));
  const p2 = await applyAs(zhang, past.id, { projectName: '焊缝视觉跟踪控制器', summary: '线激光焊缝跟踪控制器，薄板焊接偏差 0.2 毫米以内，可加装于主流焊接机器人。', stage: 'early_revenue', team: '张弛（负责人）、刘洋（嵌入式）' }, new Date(pastOpen.getTime() + 5 * DAY));
  past = await startPitchReview(db, operator, opCtx, past.id, { revision: past.revision }, new Date(pastRoadshow.startsAt.getTime() - 6 * DAY));
  await scorePitchApplication(db, expert, ctxOf(expert), p1.id, { conflict: false, scores: { c1: 88, c2: 85, c3: 82, c4: 90 }, comment: '技术成熟度高，建议补充量产成本测算。' });
  await scorePitchApplication(db, expert, ctxOf(expert), p2.id, { conflict: false, scores: { c1: 80, c2: 84, c3: 78, c4: 80 } });
  await scorePitchApplication(db, staff, ctxOf(staff), p1.id, { conflict: false, scores: { c1: 86, c2: 82, c3: 85, c4: 88 } });
  await scorePitchApplication(db, staff, ctxOf(staff), p2.id, { conflict: true, conflictNote: '该团队在本空间孵化期间由本人担任联络人，回避评分。' });
  await decidePitchAwards(db, operator, opCtx, past.id, { awards: [{ applicationId: p1.id, award: '最佳路演项目' }, { applicationId: p2.id, award: '优秀路演项目' }], revision: past.revision });
  await publishPitchResults(db, operator, opCtx, past.id, { revision: past.revision + 1 }, new Date(pastRoadshow.startsAt.getTime() + DAY));

  // ---- the open competition call ----
  let open = await createPitchCall(db, operator, opCtx, robot, {
    eventId: competition.id,
    title: '协作机器人应用创新大赛参赛项目征集',
    field: 'advanced_equipment',
    eligibility: '协作机器人应用方向的创客团队，须有可演示的原型或样机；每个团队限报一个项目。',
    opensAt: at(-3),
    closesAt: at(7),
    criteria: CRITERIA,
    awardCount: 3,
    panelUserIds,
  }, at(-4));
  open = await openPitchCall(db, operator, opCtx, open.id, { revision: open.revision }, at(-4));
  await applyAs(zhang, open.id, { projectName: '协作机器人力控打磨工作站', summary: '六维力传感器闭环的打磨工作站，适配铸件去毛刺，节拍较人工提升 40%。', stage: 'prototype', team: '张弛（负责人）、刘洋（控制算法）' }, at(-2));
  await applyAs(zhou, open.id, { projectName: '柔性电子皮肤安全防护套件', summary: '覆盖机械臂表面的柔性触觉传感阵列，碰撞 10 毫秒内停机，满足人机协作安全要求。', stage: 'idea', team: '周航（负责人，材料）' }, at(-1));

  // ---- 长葛: a roadshow call in review, waiting for expert_li ----
  const changgeShow = await createEvent(db, cg, ctxOf(cg), changge, {
    title: '智能装备项目路演（第二期）',
    kind: 'roadshow',
    role: 'host',
    partners: ['许昌市天使投资协会'],
    subField: '智能装备',
    description: '第二期智能装备项目路演，入围项目现场路演，投资机构点评对接。',
    place: '长葛智能装备众创空间 路演厅',
    onlineUrl: null,
    startsAt: at(14),
    endsAt: new Date(at(14).getTime() + 3 * 3600_000),
    capacity: 60,
    signupOpensAt: at(-10),
    signupClosesAt: at(13),
    needsApproval: false,
  });
  await publishEvent(db, cg, ctxOf(cg), changgeShow.id, { revision: changgeShow.revision }, { now: at(-25) });
  let review = await createPitchCall(db, cg, ctxOf(cg), changge, {
    eventId: changgeShow.id,
    title: '智能装备项目路演（第二期）入围项目征集',
    field: 'advanced_equipment',
    eligibility: '智能装备、工业软件方向的创客团队或初创企业；入围项目在第二期路演现场展示。',
    opensAt: at(-20),
    closesAt: at(-1),
    criteria: CRITERIA,
    awardCount: 3,
    panelUserIds: [expert.userId, cg.userId],
  }, at(-21));
  review = await openPitchCall(db, cg, ctxOf(cg), review.id, { revision: review.revision }, at(-21));
  await applyAs(chen, review.id, { projectName: '机床刀具磨损在线监测', summary: '采集主轴电流与振动信号判断刀具磨损，提前换刀减少废品，已在长葛两家机加工厂部署。', stage: 'early_revenue', team: '陈晨（负责人）、赵敏（市场）' }, at(-15));
  await applyAs(zhou, review.id, { projectName: '农机液压件智能检测台', summary: '液压件出厂检测台，自动记录压力曲线并判定渗漏，检测时间缩短一半。', stage: 'prototype', team: '周航（负责人）' }, at(-8));
  await startPitchReview(db, cg, ctxOf(cg), review.id, { revision: review.revision }, now);
}
