/**
 * The demo rosters (issue 13): about forty teams and enterprises across three entry years in three
 * filed 许昌 spaces, some graduated, exited, moved on up the chain or deregistered, with financing
 * rounds; one enterprise moves from 长葛智能装备 to the 禹州 incubator so 许昌's chain view has a path;
 * and a few resident teams in the three demo operators' own spaces (`APPLICANT_ROSTERS`). Entered through the roster's service functions by each space's operator admin.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { AuditContext } from '../modules/audit/index.ts';
import { loadActor, users } from '../modules/identity/index.ts';
import { addFinancing, changeStatus, createIncubatee, setChainPlace, type IncubateeInput } from '../modules/roster/index.ts';
import { spaces } from '../modules/spaces/index.ts';
import type { Actor } from '../shared/actor.ts';
import { usccCheckChar } from '../shared/validation/uscc.ts';
import { beijingDay } from '../shared/beijing-time.ts';

const ctxOf = (actor: Actor): AuditContext => ({ actorUserId: actor.userId, actorUsername: actor.username, actorOrgId: actor.org.id, ip: null, requestId: null });

/** The spaces of the roster demo: operator account, region code for the USCCs, and what they incubate. */
const SPACES = [
  { username: 'cg_zhineng', space: '长葛智能装备众创空间', region: '411082', place: 'maker_space', industry: 'advanced_equipment', names: ['精密数控', '智能焊接', '液压件', '工业视觉', '伺服驱动', '电力金具', '机器人夹具', '激光切割', '传感器', '智能仓储', '电机再制造', '工控软件', '起重装备', '钣金设计'] },
  { username: 'yz_qingnian', space: '禹州青年创业园众创空间', region: '411081', place: 'incubator', industry: 'modern_services', names: ['青禾电商', '颍川文旅', '钧都直播', '药材溯源', '乡村物流', '青创设计', '智慧养老', '职教在线', '社区团购', '农技服务', '短视频工作室', '财税代理', '人力外包'] },
  { username: 'yz_shenhou', space: '神垕钧瓷文创众创空间', region: '411081', place: 'maker_space', industry: 'cultural_creative', names: ['钧窑坊', '窑变釉料', '瓷韵设计', '古镇民宿', '钧瓷数字藏品', '陶艺研学', '匣钵再生', '钧瓷直播', '釉色检测', '文创礼品', '柴烧工作室', '瓷器包装', '非遗课堂'] },
] as const;

/**
 * The three demo operators' own spaces are applicants, not yet filed, but keep their in-house teams
 * in the roster already (their mentors coach them): entered last year and this year, all resident,
 * so no survival figure changes. The robot space's first team is the demo maker's (陈晨), who books
 * its machines as one of its incubatees.
 */
const APPLICANT_ROSTERS = [
  { username: 'op_robot_admin', space: '沈阳智能机器人专业化众创空间', region: '210112', industry: 'advanced_equipment', names: ['陈晨智能硬件创客团队', '协作臂', '焊接机器人', '巡检机器人', 'AGV 调度'] },
  { username: 'op_univ_admin', space: '金陵理工生物医药专业化众创空间', region: '320113', industry: 'biotechnology', names: ['细胞治疗', '医用导管', '体外诊断', '中药新剂型'] },
  { username: 'op_cg_admin', space: '长葛创新工场众创空间', region: '411082', industry: 'new_materials', names: ['金刚石线锯', '再生铝', '超硬刀具', '粉末冶金'] },
] as const;

const FOUNDERS = [['student'], ['researcher'], ['returnee', 'serial'], ['executive'], ['student', 'serial'], ['foreign'], ['researcher', 'serial']] as const;

/** A valid USCC for the n-th demo enterprise of a region. */
const usccFor = (region: string, n: number) => {
  const first17 = `91${region}MA4R${String(n).padStart(5, '0')}`;
  return first17 + usccCheckChar(first17)!;
};

export async function seedRosterHistory(db: Db, now: Date = new Date()): Promise<void> {
  const today = beijingDay(now);
  const year = Number(today.slice(0, 4));
  // This year's dates stay on or before today whenever the demo is seeded.
  const upToToday = (date: string) => (date > today ? today : date);
  const accounts = await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, SPACES.map((s) => s.username)));
  const spaceRows = await db.select({ id: spaces.id, name: spaces.name }).from(spaces).where(inArray(spaces.name, SPACES.map((s) => s.space)));
  const moved: { uscc: string; name: string }[] = [];
  let serial = 0;
  for (const s of SPACES) {
    const actor = (await loadActor(db, accounts.find((a) => a.username === s.username)!.id, 'demo-seed'))!;
    const ctx = ctxOf(actor);
    const spaceId = spaceRows.find((r) => r.name === s.space)!.id;
    await setChainPlace(db, actor, ctx, spaceId, {
      place: s.place,
      partners: s.place === 'incubator' ? [{ name: '许昌市科技企业加速器', place: 'accelerator' }] : [{ name: '禹州青年创业园众创空间', place: 'incubator', spaceId: spaceRows.find((r) => r.name === '禹州青年创业园众创空间')!.id }],
    });
    for (const [n, short] of s.names.entries()) {
      serial += 1;
      // Three entry years: two years ago, last year, this year (before today).
      const entryYear = year - 2 + (n % 3);
      const entryDate = upToToday(`${entryYear}-${String(2 + ((n * 5) % 9)).padStart(2, '0')}-${String(3 + ((n * 7) % 24)).padStart(2, '0')}`);
      const enterprise = n % 4 !== 3;
      const input: IncubateeInput = {
        kind: enterprise ? 'enterprise' : 'team',
        name: enterprise ? `${s.space.slice(0, 2)}${short}科技有限公司` : `${short}创业团队`,
        uscc: enterprise ? usccFor(s.region, serial) : null,
        entryDate,
        industry: s.industry,
        subField: short,
        founderTypes: [...FOUNDERS[n % FOUNDERS.length]!],
        jobs: enterprise ? 4 + ((n * 3) % 17) : 3,
        graduatesHired: enterprise ? n % 4 : 0,
        validIp: 1 + ((n * 2) % 7),
        inventionPatents: n % 3 === 0 ? 1 : 0,
        newlyRegistered: enterprise && n % 3 === 2,
        registeredOn: enterprise && n % 3 === 2 ? entryDate : null,
        contactName: `${'王李张刘陈杨赵黄周吴'[n % 10]}${'明华强丽军芳'[n % 6]}`,
        contactMobile: `1390374${String(1000 + serial).padStart(4, '0')}`,
      };
      let row = await createIncubatee(db, actor, ctx, spaceId, input);
      if (enterprise && n % 5 === 1)
        row = await addFinancing(db, actor, ctx, row.id, { receivedOn: upToToday(`${entryYear}-11-20`), amountYuan: 500_000 * (1 + (n % 4)), investor: '许昌市科技创新创业投资基金', kind: 'social' });
      if (enterprise && n % 6 === 2) row = await addFinancing(db, actor, ctx, row.id, { receivedOn: upToToday(`${entryYear}-12-01`), amountYuan: 200_000, investor: `${s.space}种子基金`, kind: 'own' });
      // The oldest cohort has moved on in part: graduated, exited, deregistered, moved up the chain.
      if (entryYear === year - 2) {
        const end = `${year - 1}-${String(3 + (n % 9)).padStart(2, '0')}-15`;
        const outcome = (['graduated', 'exited', 'deregistered', 'resident', 'moved'] as const)[Math.floor(n / 3) % 5]!;
        if (outcome === 'moved' && enterprise && s.place === 'maker_space') {
          await changeStatus(db, actor, ctx, row.id, { status: 'moved', effectiveOn: end, movedTo: '禹州青年创业园众创空间', note: '进入孵化器继续孵化', revision: row.revision });
          moved.push({ uscc: row.uscc!, name: row.name });
        } else if (outcome !== 'resident' && outcome !== 'moved') {
          await changeStatus(db, actor, ctx, row.id, { status: outcome, effectiveOn: end, note: outcome === 'graduated' ? '达到毕业标准' : undefined, revision: row.revision });
        }
      }
    }
  }
  for (const s of APPLICANT_ROSTERS) {
    const [account] = await db.select({ id: users.id }).from(users).where(eq(users.username, s.username));
    const [space] = await db.select({ id: spaces.id }).from(spaces).where(eq(spaces.name, s.space));
    const actor = (await loadActor(db, account!.id, 'demo-seed'))!;
    for (const [n, short] of s.names.entries()) {
      serial += 1;
      const team = n === 0 || n === 3;
      const entryDate = upToToday(`${year - 1 + (n % 2)}-${String(3 + n * 2).padStart(2, '0')}-${String(8 + n * 3).padStart(2, '0')}`);
      await createIncubatee(db, actor, ctxOf(actor), space!.id, {
        kind: team ? 'team' : 'enterprise',
        name: team ? (short.endsWith('团队') ? short : `${short}创业团队`) : `${s.space.slice(0, 2)}${short}科技有限公司`,
        uscc: team ? null : usccFor(s.region, serial),
        entryDate,
        industry: s.industry,
        subField: short.endsWith('团队') ? '智能硬件' : short,
        founderTypes: [...FOUNDERS[(n + 2) % FOUNDERS.length]!],
        jobs: team ? 4 : 6 + n * 3,
        graduatesHired: team ? 1 : n,
        validIp: 1 + n,
        inventionPatents: n % 2,
        newlyRegistered: !team && n % 2 === 1,
        registeredOn: !team && n % 2 === 1 ? entryDate : null,
        contactName: `${'孙钱周郑冯'[n % 5]}${'晨磊婷洋'[n % 4]}`,
        contactMobile: `1390374${String(1000 + serial).padStart(4, '0')}`,
      });
    }
  }
  // Enterprises that moved up the chain enter the 禹州 incubator, linked by their USCC.
  const incubator = SPACES[1];
  const actor = (await loadActor(db, accounts.find((a) => a.username === incubator.username)!.id, 'demo-seed'))!;
  const [target] = await db.select({ id: spaces.id }).from(spaces).where(eq(spaces.name, incubator.space));
  for (const m of moved)
    await createIncubatee(db, actor, ctxOf(actor), target!.id, {
      kind: 'enterprise',
      name: m.name,
      uscc: m.uscc,
      entryDate: `${year - 1}-12-20`,
      industry: 'advanced_equipment',
      subField: '智能制造',
      founderTypes: ['serial'],
      jobs: 18,
      graduatesHired: 2,
      validIp: 4,
      inventionPatents: 1,
      newlyRegistered: false,
    });
}
