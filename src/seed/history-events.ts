/**
 * The demo's events (issue 16): each demo space and three filed 许昌 spaces held a few events this
 * year — trainings, roadshows, a competition, a salon, a model-innovation workshop, as host, organiser
 * or jointly — with sign-ups checked in and a summary, so the public activity register and the
 * authorities' figures have something to show; and one open event of the 沈阳 space with its seats
 * taken and a waitlist. Each past event reminded its participants the day before, and the latest
 * (the salon) has photos; the open event asks a sign-up form its sign-ups answered. Driven through the events module's service functions at the times they happened.
 */
import { Readable } from 'node:stream';
import { eq, inArray } from 'drizzle-orm';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { AuditContext } from '../modules/audit/index.ts';
import { addEventPhoto, checkInEventBatch, createEvent, holdEvent, publishEvent, remindEventParticipants, setEventSignupForm, signUpForEvent, type EventInput } from '../modules/events/index.ts';
import { uploadFile } from '../modules/files/index.ts';
import { loadActor, users } from '../modules/identity/index.ts';
import { spaces } from '../modules/spaces/index.ts';
import type { Actor } from '../shared/actor.ts';
import { demoPng } from './png.ts';

const ctxOf = (actor: Actor): AuditContext => ({ actorUserId: actor.userId, actorUsername: actor.username, actorOrgId: actor.org.id, ip: null, requestId: null });
const HOUR = 3600_000;
const DAY = 24 * HOUR;

const SPACES = [
  { space: '沈阳智能机器人专业化众创空间', staff: 'op_robot_staff', field: '工业机器人' },
  { space: '金陵理工生物医药专业化众创空间', staff: 'op_univ_staff', field: '生物医药' },
  { space: '长葛创新工场众创空间', staff: 'op_cg_staff', field: '智能制造' },
  { space: '长葛智能装备众创空间', staff: 'cg_zhineng', field: '智能装备' },
  { space: '神垕钧瓷文创众创空间', staff: 'yz_shenhou', field: '钧瓷文创' },
  { space: '禹州青年创业园众创空间', staff: 'yz_qingnian', field: '电子商务' },
] as const;

/** Past events: days ago, kind, role and partners, title and summary with the space's field. */
const PAST: { daysAgo: number; kind: EventInput['kind']; role: EventInput['role']; partners: string[]; title: (f: string) => string; summary: (f: string) => string }[] = [
  { daysAgo: 40, kind: 'training', role: 'host', partners: [], title: (f) => `${f}创业实务培训`, summary: (f) => `围绕${f}领域的商业计划书撰写、股权设计和知识产权布局开展培训，学员完成结业测试。` },
  { daysAgo: 25, kind: 'roadshow', role: 'organiser', partners: ['市天使投资协会'], title: (f) => `${f}项目路演对接会`, summary: () => '五个在孵项目完成路演，三家投资机构现场点评，两个项目进入尽职调查。' },
  { daysAgo: 12, kind: 'salon', role: 'joint', partners: ['本地高校科技园'], title: (f) => `${f}技术沙龙`, summary: (f) => `邀请${f}领域的工程师分享技术路线与产业化经验，创业团队交流对接。` },
];

/** The photos of the latest past event: captions and the colours of their stand-in pictures. */
const PHOTOS: { name: string; from: [number, number, number]; to: [number, number, number] }[] = [
  { name: '沙龙现场', from: [22, 119, 255], to: [114, 46, 209] },
  { name: '嘉宾分享', from: [250, 140, 22], to: [245, 34, 45] },
  { name: '交流合影', from: [19, 194, 194], to: [82, 196, 26] },
];

export async function seedEventsHistory(db: Db, config: Config, now: Date = new Date()): Promise<void> {
  const names = [...SPACES.map((s) => s.staff), 'maker_chen', 'op_univ_staff', 'op_cg_staff', 'op_robot_admin'];
  const accounts = await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, names));
  const actor = async (username: string) => {
    const a = accounts.find((x) => x.username === username);
    return a ? ((await loadActor(db, a.id, 'demo-seed')) ?? null) : null;
  };
  const maker = (await actor('maker_chen'))!;
  const guests = [maker, await actor('op_univ_staff'), await actor('op_cg_staff')].filter((a): a is Actor => a !== null);
  for (const s of SPACES) {
    const [space] = await db.select({ id: spaces.id }).from(spaces).where(eq(spaces.name, s.space));
    const staff = await actor(s.staff);
    if (!space || !staff) continue;
    const ctx = ctxOf(staff);
    for (const p of PAST) {
      const startsAt = new Date(now.getTime() - p.daysAgo * DAY);
      const e = await createEvent(db, staff, ctx, space.id, {
        title: p.title(s.field),
        kind: p.kind,
        role: p.role,
        partners: p.partners,
        subField: s.field,
        description: `${s.field}领域的${p.title(s.field)}，面向在孵团队和社会创客开放报名。`,
        place: '空间路演厅',
        onlineUrl: null,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3 * HOUR),
        capacity: 40,
        signupOpensAt: new Date(startsAt.getTime() - 14 * DAY),
        signupClosesAt: new Date(startsAt.getTime() - HOUR),
        needsApproval: false,
      });
      const published = await publishEvent(db, staff, ctx, e.id, { revision: e.revision }, { now: new Date(startsAt.getTime() - 14 * DAY) });
      const tokens: string[] = [];
      for (const [i, g] of guests.entries()) {
        if (g.userId === staff.userId) continue;
        const signup = await signUpForEvent(db, g, ctxOf(g), e.id, {}, { now: new Date(startsAt.getTime() - (10 - i) * DAY) });
        if (signup.token && i < 2) tokens.push(signup.token);
      }
      const remindAt = new Date(startsAt.getTime() - DAY);
      await remindEventParticipants(db, { eventId: e.id, remindAt: remindAt.toISOString() }, { now: remindAt });
      if (tokens.length) await checkInEventBatch(db, staff, ctx, e.id, { scans: tokens.map((token) => ({ token, scannedAt: new Date(startsAt.getTime() + 5 * 60_000) })) }, { now: new Date(startsAt.getTime() + HOUR) });
      await holdEvent(db, staff, ctx, e.id, { revision: published.revision, summary: p.summary(s.field) }, { now: new Date(startsAt.getTime() + 4 * HOUR) });
      if (p.kind !== 'salon') continue;
      for (const photo of PHOTOS) {
        const file = await uploadFile(db, config, ctx, staff, { filename: `${photo.name}.png`, stream: Readable.from(demoPng(photo.from, photo.to)) });
        await addEventPhoto(db, staff, ctx, e.id, file.id);
      }
    }
  }

  // One open event of the 沈阳 space: two seats, both taken, and the maker on the waitlist.
  const [robot] = await db.select({ id: spaces.id }).from(spaces).where(eq(spaces.name, SPACES[0].space));
  const staff = await actor('op_robot_staff');
  const admin = await actor('op_robot_admin');
  const others = [await actor('op_univ_staff'), await actor('op_cg_staff')].filter((a): a is Actor => a !== null);
  if (!robot || !staff || !admin || others.length < 2) return;
  const startsAt = new Date(now.getTime() + 10 * DAY);
  const open = await createEvent(db, staff, ctxOf(staff), robot.id, {
    title: '协作机器人应用创新大赛（初赛）',
    kind: 'competition',
    role: 'joint',
    partners: ['沈阳市机器人产业联盟'],
    subField: '协作机器人',
    description: '面向创业团队征集协作机器人应用方案，初赛现场答辩，优胜团队进入决赛并获孵化支持。',
    place: '沈阳智能机器人专业化众创空间 一楼路演厅',
    onlineUrl: null,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 4 * HOUR),
    capacity: 2,
    signupOpensAt: new Date(now.getTime() - 3 * DAY),
    signupClosesAt: new Date(startsAt.getTime() - DAY),
    needsApproval: false,
  });
  const withForm = await setEventSignupForm(db, staff, ctxOf(staff), open.id, {
    revision: open.revision,
    fields: [
      { type: 'text', labelZh: '参赛团队名称', required: true },
      { type: 'single', labelZh: '方案应用场景', required: true, options: ['汽车零部件装配', '3C 电子检测', '食品包装', '其他'] },
      { type: 'number', labelZh: '团队人数', required: false },
      { type: 'yesno', labelZh: '是否需要现场演示电源', required: false },
    ],
  });
  await publishEvent(db, admin, ctxOf(admin), open.id, { revision: withForm.revision }, { now: new Date(now.getTime() - 3 * DAY) });
  const [team, scene, size, power] = withForm.signupForm.map((f) => f.key) as [string, string, string, string];
  const answers = [
    { [team]: '东软医疗机器人团队', [scene]: '3C 电子检测', [size]: 5, [power]: true },
    { [team]: '长葛智造协作臂小组', [scene]: '汽车零部件装配', [size]: 3 },
    { [team]: '陈晨智能硬件创客团队', [scene]: '食品包装', [size]: 4, [power]: false },
  ];
  for (const [i, g] of [...others, maker].entries()) await signUpForEvent(db, g, ctxOf(g), open.id, { answers: answers[i] }, { now: new Date(now.getTime() - (2 - i * 0.5) * DAY) });
}
