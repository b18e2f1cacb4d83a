/**
 * The support register in the lived-in demo (issue 17), through the supports module's actions and
 * the stage modules that disclose them: 沈阳市科学技术局 and 辽宁省科学技术厅 each keep a support
 * policy with its items (房租补贴, 运营补助, 活动补贴, 奖励), record what they granted last year and
 * this year for filed spaces of 沈阳 and 大连, and disclose them: most were checked, put on a notice
 * that ended and published by a released decision; a few are on a notice running now; a few are
 * drafts. One space's rent was subsidised by both the city and the province for overlapping months
 * — the pair the duplicate checks flag. 长葛市科学技术局, a county, puts one grant of its own on a notice. The policies are the demo's own, not real documents.
 */
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Config } from '../config.ts';
import type { AuditContext } from '../modules/audit/index.ts';
import { filings, recordDecision, releaseDecisions } from '../modules/filings/index.ts';
import { loadActor, users } from '../modules/identity/index.ts';
import { concludeNoticeJob, publishNotice } from '../modules/notices/index.ts';
import { organisations } from '../modules/orgs/index.ts';
import { createPolicy, paragraphs, policies, policySupportItems, publishPolicy, type SupportCategory } from '../modules/policies/index.ts';
import { regions } from '../modules/regions/index.ts';
import { passStage } from '../modules/review/index.ts';
import { incubatees } from '../modules/roster/index.ts';
import { spaces } from '../modules/spaces/index.ts';
import { proposeSupports, recordSupport, SUPPORT_CHAINS, type SupportInput } from '../modules/supports/index.ts';
import type { ShippedChain } from '../modules/chains/index.ts';
import { applications } from '../modules/workflow/index.ts';
import type { Actor } from '../shared/actor.ts';
import { HISTORY_SPACES } from './history-data.ts';

const DAY_MS = 86_400_000;
const ctxOf = (actor: Actor): AuditContext => ({ actorUserId: actor.userId, actorUsername: actor.username, actorOrgId: actor.org.id, ip: null, requestId: null });

type Item = { id: string; category: SupportCategory; title: string };

async function policyWithItems(db: Db, config: Config, actor: Actor, input: { title: string; issuer: string; regionCode: string; issuedOn: string; items: { category: SupportCategory; title: string; capWan: number; period: string; clause: string }[]; body: string[] }) {
  const draft = await createPolicy(db, actor, ctxOf(actor), {
    kind: 'policy',
    title: input.title,
    themes: ['maker_space', 'finance'],
    issuer: input.issuer,
    writtenOn: input.issuedOn,
    issuedOn: input.issuedOn,
    keywords: ['众创空间', '扶持资金', '房租补贴'],
    regionCode: input.regionCode,
    targets: ['maker_space', 'professional_space', 'incubatee'],
    body: paragraphs(input.body.join('\n')),
    attachmentFileIds: [],
    supportItems: input.items,
  });
  const published = await publishPolicy(db, config, actor, ctxOf(actor), draft.id, draft.revision);
  return { id: published.id, items: published.supportItems as Item[] };
}

export async function seedSupportsHistory(db: Db, config: Config, year: number): Promise<void> {
  const accounts = await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, ['sy_admin', 'sy_reviewer', 'ln_admin', 'ln_reviewer']));
  const as = async (username: string) => (await loadActor(db, accounts.find((a) => a.username === username)!.id, 'demo-seed'))!;
  const [syAdmin, syReviewer, lnAdmin, lnReviewer] = await Promise.all(['sy_admin', 'sy_reviewer', 'ln_admin', 'ln_reviewer'].map(as)) as [Actor, Actor, Actor, Actor];
  const last = year - 1;

  const city = await policyWithItems(db, config, syAdmin, {
    title: '沈阳市众创空间扶持资金管理办法',
    issuer: '沈阳市科学技术局',
    regionCode: '210100',
    issuedOn: `${last - 1}-03-20`,
    items: [
      { category: 'rent', title: '众创空间房租补贴（按实际租用面积，每平方米每月不超过 25 元）', capWan: 50, period: '每年', clause: '第六条' },
      { category: 'operating', title: '市级以上备案众创空间运营补助', capWan: 30, period: '每年', clause: '第七条' },
      { category: 'event', title: '创新创业活动补贴（按场次）', capWan: 10, period: '每年', clause: '第八条' },
    ],
    body: ['第一条 为支持众创空间发展，规范市级扶持资金管理，制定本办法。', '第六条 对在本市备案的众创空间，按其实际租用面积给予房租补贴。', '第七条 对市级以上备案且年度评价合格的众创空间给予运营补助。', '第八条 对众创空间举办的创新创业活动按场次给予补贴。', '第十二条 扶持情况在统一的政策信息发布平台上公示，避免多头重复支持。'],
  });
  const province = await policyWithItems(db, config, lnAdmin, {
    title: '辽宁省众创空间奖补实施细则',
    issuer: '辽宁省科学技术厅',
    regionCode: '210000',
    issuedOn: `${last - 1}-05-08`,
    items: [
      { category: 'rent', title: '省级专业化众创空间房租补贴', capWan: 100, period: '每年', clause: '第五条' },
      { category: 'award', title: '新认定国家级众创空间一次性奖励', capWan: 50, period: '一次性', clause: '第九条' },
    ],
    body: ['第一条 为推动全省众创空间专业化发展，制定本细则。', '第五条 对省级备案的专业化众创空间给予房租补贴，已享受市级房租补贴的，同一期间不重复支持。', '第九条 对新认定为国家级的众创空间给予一次性奖励，市级已奖励的按差额补足。'],
  });
  const item = (p: { items: Item[] }, category: SupportCategory) => p.items.find((i) => i.category === category)!;

  // The filed spaces of 辽宁 with their operator by USCC.
  const filed = await db
    .selectDistinct({ id: spaces.id, name: spaces.name, path: regions.path, operatorName: organisations.name, operatorUscc: organisations.uscc })
    .from(spaces)
    .innerJoin(filings, and(eq(filings.spaceId, spaces.id), eq(filings.status, 'active')))
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .innerJoin(organisations, eq(organisations.id, spaces.operatorOrgId))
    // The history's own spaces: the browser tests' demo operators start with no submission.
    .where(and(sql`${regions.path} like '000000/210000/%'`, isNotNull(organisations.uscc), inArray(spaces.name, HISTORY_SPACES.map((h) => h.space.name))))
    .orderBy(spaces.name);
  const shenyang = filed.filter((s) => s.path.startsWith('000000/210000/210100/'));
  if (shenyang.length < 2) throw new Error('demo supports: fewer than two filed spaces in 沈阳');
  const [a, b] = shenyang as [(typeof shenyang)[number], (typeof shenyang)[number]];
  // The province's award goes to a space of another city when one is filed, else to 沈阳's second.
  const awarded = filed.find((s) => !s.path.startsWith('000000/210000/210100/')) ?? b;
  const [resident] = await db.select({ name: incubatees.name, uscc: incubatees.uscc }).from(incubatees).where(and(eq(incubatees.spaceId, a.id), isNotNull(incubatees.uscc), eq(incubatees.kind, 'enterprise'))).limit(1);

  const base = (s: { id: string; operatorName: string; operatorUscc: string | null }) => ({ spaceId: s.id, beneficiaryUscc: s.operatorUscc!, beneficiaryName: s.operatorName, beneficiaryRole: 'operator' as const, paymentState: 'paid' as const });
  const rent = (p: typeof city, s: typeof a, from: string, to: string, months: number, area: number, n: string, code: string): SupportInput => ({
    ...base(s),
    policyId: p.id,
    supportItemId: item(p, 'rent').id,
    category: 'rent',
    projectTitle: `${s.name}房租补贴（${from.slice(0, 7)} 至 ${to.slice(0, 7)}）`,
    projectCode: code,
    periodFrom: from,
    periodTo: to,
    invoiceNos: [`${n}01`, `${n}02`],
    contractNos: [`ZL-${s.id.slice(0, 4).toUpperCase()}-${from.slice(0, 4)}`],
    areaM2: area,
    months,
    amountYuan: Math.round(area * months * 20),
    grantedOn: `${to.slice(0, 4)}-${to.slice(5, 7) === '06' ? '07-20' : '10-15'}`,
  });

  const cityRecords: SupportInput[] = [
    // The rent of the first space, January to June last year — and the province's below overlaps it.
    rent(city, a, `${last}-01-01`, `${last}-06-30`, 6, 1200, '2101', `SYKJ-${last}-FZ-011`),
    { ...base(a), policyId: city.id, supportItemId: item(city, 'event').id, category: 'event', projectTitle: `${a.name}${last}年创新创业活动补贴（路演 6 场、培训 8 场）`, projectCode: `SYKJ-${last}-HD-004`, periodFrom: `${last}-01-01`, periodTo: `${last}-12-31`, amountYuan: 42000, grantedOn: `${last}-12-18` },
    { ...base(b), policyId: city.id, supportItemId: item(city, 'operating').id, category: 'operating', projectTitle: `${b.name}${last}年度运营补助`, projectCode: `SYKJ-${last}-YY-007`, periodFrom: `${last}-01-01`, periodTo: `${last}-12-31`, amountYuan: 200000, grantedOn: `${last}-11-30` },
  ];
  const provinceRecords: SupportInput[] = [
    rent(province, a, `${last}-04-01`, `${last}-09-30`, 6, 1200, '2109', `LNKJ-${last}-FZ-031`),
    { ...base(awarded), policyId: province.id, supportItemId: item(province, 'award').id, category: 'award', projectTitle: `${awarded.name}新认定国家级众创空间奖励`, projectCode: `LNKJ-${last}-JL-002`, periodFrom: `${last}-01-01`, periodTo: `${last}-12-31`, amountYuan: 500000, grantedOn: `${last}-12-05` },
  ];
  const publishedCity = [];
  for (const r of cityRecords) publishedCity.push(await recordSupport(db, syReviewer, ctxOf(syReviewer), r));
  const publishedProvince = [];
  for (const r of provinceRecords) publishedProvince.push(await recordSupport(db, lnReviewer, ctxOf(lnReviewer), r));

  // This year: on a notice now, and drafts still being prepared.
  const noticeCity = [
    await recordSupport(db, syReviewer, ctxOf(syReviewer), {
      ...(resident?.uscc ? { beneficiaryUscc: resident.uscc, beneficiaryName: resident.name, beneficiaryRole: 'incubatee' as const } : base(a)),
      spaceId: a.id,
      paymentState: 'planned',
      policyId: city.id,
      supportItemId: item(city, 'rent').id,
      category: 'rent',
      projectTitle: `${resident?.name ?? a.operatorName}入驻场地房租补贴`,
      projectCode: `SYKJ-${year}-FZ-003`,
      periodFrom: `${year}-01-01`,
      periodTo: `${year}-06-30`,
      invoiceNos: [`${year}0315`],
      areaM2: 180,
      months: 6,
      amountYuan: 21600,
      grantedOn: `${year}-07-25`,
    }),
  ];
  const noticeProvince = [
    await recordSupport(db, lnReviewer, ctxOf(lnReviewer), { ...base(b), paymentState: 'planned', policyId: province.id, supportItemId: item(province, 'rent').id, category: 'rent', projectTitle: `${b.name}${year}年上半年房租补贴`, projectCode: `LNKJ-${year}-FZ-008`, periodFrom: `${year}-01-01`, periodTo: `${year}-06-30`, invoiceNos: [`${year}0622`], contractNos: [`ZL-${b.id.slice(0, 4).toUpperCase()}-${year}`], areaM2: 900, months: 6, amountYuan: 108000, grantedOn: `${year}-08-10` }),
  ];
  await recordSupport(db, syReviewer, ctxOf(syReviewer), rent(city, a, `${year}-01-01`, `${year}-06-30`, 6, 1200, '2201', `SYKJ-${year}-FZ-012`));
  await recordSupport(db, syReviewer, ctxOf(syReviewer), { ...base(b), paymentState: 'planned', policyId: city.id, supportItemId: item(city, 'event').id, category: 'event', projectTitle: `${b.name}${year}年创业大赛承办补贴`, projectCode: null, periodFrom: `${year}-03-01`, periodTo: `${year}-05-31`, amountYuan: 15000, grantedOn: `${year}-06-12` });
  await recordSupport(db, lnReviewer, ctxOf(lnReviewer), { ...base(a), paymentState: 'planned', policyId: province.id, supportItemId: item(province, 'rent').id, category: 'rent', projectTitle: `${a.name}${year}年上半年房租补贴`, projectCode: `LNKJ-${year}-FZ-015`, periodFrom: `${year}-03-01`, periodTo: `${year}-08-31`, areaM2: 1200, months: 6, amountYuan: 144000, grantedOn: `${year}-09-01` });

  // Disclosure: each department proposes and checks its supports, then puts them on a notice.
  const check = async (admin: Actor, reviewer: Actor, chain: ShippedChain, ids: string[]) => {
    const stage = chain.stages[0]!;
    const proposed = (await proposeSupports(db, admin, ctxOf(admin), { ids })).items;
    for (const s of proposed)
      await passStage(db, reviewer, ctxOf(reviewer), s.submission!.id, { stageKey: stage.key, checklist: stage.checklist.map((c) => ({ key: c.key, verdict: 'ok' as const, note: `已核对：${c.label}` })), note: '核对无误，拟予公示' });
    const [{ callId }] = (await db.select({ callId: applications.callId }).from(applications).where(eq(applications.id, proposed[0]!.submission!.id))) as [{ callId: string }];
    return { admin, reviewer, chain, callId, submissions: proposed.map((s) => s.submission!.id) };
  };
  const notice = async (c: Awaited<ReturnType<typeof check>>, title: string, startsAt: Date, endsAt: Date) => {
    const stage = c.chain.stages[1]!;
    const published = await publishNotice(db, c.admin, ctxOf(c.admin), {
      callId: c.callId,
      stageKey: stage.key,
      applicationIds: c.submissions,
      title,
      body: `以下扶持事项拟予公开，公示期 7 天。公示期内，任何单位和个人如有异议，请以实名书面形式向${c.admin.org.name}反映。`,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
    });
    return { ...c, noticeId: published.id, endsAt };
  };
  const lastYears = [await check(syAdmin, syReviewer, SUPPORT_CHAINS.city, publishedCity.map((s) => s.id)), await check(lnAdmin, lnReviewer, SUPPORT_CHAINS.province, publishedProvince.map((s) => s.id))] as const;
  const running = [await check(syAdmin, syReviewer, SUPPORT_CHAINS.city, noticeCity.map((s) => s.id)), await check(lnAdmin, lnReviewer, SUPPORT_CHAINS.province, noticeProvince.map((s) => s.id))] as const;
  await notice(running[0], `沈阳市${year}年第一批众创空间扶持资金拟支持项目公示`, new Date(Date.now() - 2 * DAY_MS), new Date(Date.now() + 5 * DAY_MS));
  await notice(running[1], `辽宁省${year}年第一批众创空间奖补资金拟支持项目公示`, new Date(Date.now() - 2 * DAY_MS), new Date(Date.now() + 5 * DAY_MS));
  // A county discloses its own too: 长葛市科学技术局's construction grant, under the State Council's
  // guidance, for one of its filed spaces, checked and on a notice running now.
  const county = await countySupport(db, year);
  if (county) await notice(await check(county.admin, county.reviewer, SUPPORT_CHAINS.county, [county.supportId]), `长葛市${year}年众创空间建设补助拟支持项目公示`, new Date(Date.now() - DAY_MS), new Date(Date.now() + 6 * DAY_MS));
  // Last year's notices ran their 7 days. Each ends a moment after it is published (a notice cannot
  // be published ended); the moment is taken per notice, since publishing one can take longer than it
  // on a busy machine.
  const endingSoon = (c: Awaited<ReturnType<typeof check>>, title: string) => notice(c, title, new Date(Date.now() - 7 * DAY_MS), new Date(Date.now() + 1500));
  const ended = [await endingSoon(lastYears[0], `沈阳市${last}年众创空间扶持资金拟支持项目公示`), await endingSoon(lastYears[1], `辽宁省${last}年众创空间奖补资金拟支持项目公示`)] as const;

  // The first notices end without objection; each department decides and releases its list.
  const wait = Math.max(...ended.map((n) => n.endsAt.getTime())) - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait + 50));
  for (const [done, docNo] of [
    [ended[0], `沈科发〔${last}〕58号`],
    [ended[1], `辽科发〔${last}〕71号`],
  ] as const) {
    const { admin, reviewer, chain } = done;
    await concludeNoticeJob(db, { noticeId: done.noticeId });
    const stage = chain.stages[2]!;
    const decisions = [];
    for (const id of done.submissions)
      decisions.push((await recordDecision(db, reviewer, ctxOf(reviewer), { applicationId: id, stageKey: stage.key, outcome: 'approve', reason: '公示期满无异议，予以公开', checklist: stage.checklist.map((c) => ({ key: c.key, verdict: 'ok' as const, note: '依据充分' })) })).id);
    await releaseDecisions(db, admin, ctxOf(admin), {
      callId: done.callId,
      stageKey: stage.key,
      decisionIds: decisions,
      expectedCount: decisions.length,
      title: `${admin.org.name}关于${last}年众创空间扶持资金支持项目的公告`,
      documentNumber: docNo,
      issuedOn: `${last}-12-28`,
    });
  }
}

/** 长葛市科学技术局's one support, recorded by its reviewer: undefined when the demo has no filed space of 长葛 or no State Council guidance in the library. */
async function countySupport(db: Db, year: number) {
  const accounts = await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, ['cg_admin', 'cg_reviewer']));
  const actorOf = async (username: string) => (await loadActor(db, accounts.find((a) => a.username === username)!.id, 'demo-seed'))!;
  const [admin, reviewer] = [await actorOf('cg_admin'), await actorOf('cg_reviewer')];
  const [space] = await db
    .selectDistinct({ id: spaces.id, name: spaces.name, operatorName: organisations.name, operatorUscc: organisations.uscc })
    .from(spaces)
    .innerJoin(filings, and(eq(filings.spaceId, spaces.id), eq(filings.status, 'active')))
    .innerJoin(organisations, eq(organisations.id, spaces.operatorOrgId))
    .where(and(eq(spaces.regionCode, '411082'), isNotNull(organisations.uscc), inArray(spaces.name, HISTORY_SPACES.map((h) => h.space.name))))
    .orderBy(spaces.name)
    .limit(1);
  const [item] = await db
    .select({ id: policySupportItems.id, policyId: policySupportItems.policyId, category: policySupportItems.category })
    .from(policySupportItems)
    .innerJoin(policies, eq(policies.id, policySupportItems.policyId))
    .where(and(eq(policies.title, '国务院办公厅关于加快众创空间发展服务实体经济转型升级的指导意见'), eq(policies.status, 'published'), eq(policySupportItems.category, 'construction')))
    .limit(1);
  if (!space || !item) return undefined;
  const support = await recordSupport(db, reviewer, ctxOf(reviewer), {
    policyId: item.policyId,
    supportItemId: item.id,
    category: item.category,
    beneficiaryUscc: space.operatorUscc!,
    beneficiaryName: space.operatorName,
    beneficiaryRole: 'operator',
    spaceId: space.id,
    projectTitle: `${space.name}共享实验平台设备购置补助`,
    projectCode: `CGKJ-${year}-JS-002`,
    // The first quarter: clear of the months the browser tests' 长葛 grants overlap on purpose.
    periodFrom: `${year}-01-01`,
    periodTo: `${year}-03-31`,
    invoiceNos: [`CG${year}0318`],
    amountYuan: 80000,
    grantedOn: `${year}-04-20`,
    paymentState: 'planned',
  });
  return { admin, reviewer, supportId: support.id };
}
