/**
 * A lived-in demo (issue 11): on top of src/seed/demo.ts, a history of applications at every stage
 * of the three demo chains, last year's 许昌 call through to its published 备案名单 with its 文号, and
 * a fraud finding with its credit record. Everything is done by the service functions the routes
 * call, each by the account that does it in real life (operators apply, reviewers pass and return,
 * admins publish and release, experts score), so events, audit rows and notifications are what the
 * real flow leaves. The one exception is documented at `backdate`: last year's timestamps.
 */
import { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { SYSTEM_CONTEXT, type AuditContext } from '../modules/audit/index.ts';
import { attachFile, confirmCommitment, createApplication, saveDossier, submitApplication } from '../modules/applications/index.ts';
import { calls, defaultMaterialSlots, insertCallInTx, publishedRuleSetId } from '../modules/calls/index.ts';
import { chains, shippedChainVersionId } from '../modules/chains/index.ts';
import { recordFraudFinding } from '../modules/credit/index.ts';
import { autoAssign, declareNoConflict, myAssignments, submitScores } from '../modules/experts/index.ts';
import { uploadFile } from '../modules/files/index.ts';
import { recordDecision, releaseDecisions } from '../modules/filings/index.ts';
import { createAccountInTx, hashPassword, loadActor, users } from '../modules/identity/index.ts';
import { concludeNoticeJob, fileObjection, publishNotice } from '../modules/notices/index.ts';
import { createOrganisationInTx, createProfileInTx, linkHostInTx } from '../modules/orgs/index.ts';
import { attachDocuments, createBatch, sendBatch } from '../modules/recommendations/index.ts';
import { passStage, returnForRevision } from '../modules/review/index.ts';
import { createSpaceInTx, spaces } from '../modules/spaces/index.ts';
import { applications } from '../modules/workflow/index.ts';
import type { Actor } from '../shared/actor.ts';
import { stageOf, type ChainTemplateKey } from '../shared/chains.ts';
import { DEMO_PASSWORD } from './demo.ts';
import { seedRosterHistory } from './history-roster.ts';
import { HISTORY_SPACES, type HistorySpace } from './history-data.ts';
import { seedReturns } from './history-returns.ts';
import { seedEvaluations } from './history-evaluation.ts';
import { seedRevocationProposals } from './history-revocation.ts';
import { seedPolicyLibrary } from './history-policies.ts';
import { seedDuplicateChecks } from './history-dupcheck.ts';
import { seedSupportsHistory } from './history-supports.ts';
import { demoPdf } from './pdf.ts';
import { seedChangeReports } from './history-changes.ts';
import { seedServicesHistory } from './history-services.ts';
import { seedBookingHistory } from './history-booking.ts';
import { seedSpacesiteHistory } from './history-spacesite.ts';
import { seedEventsHistory } from './history-events.ts';
import { seedCrowdHistory } from './history-crowd.ts';
import { seedPitchHistory } from './history-pitches.ts';
import { beijingDay } from '../shared/beijing-time.ts';

const DAY_MS = 24 * 3600 * 1000;

/** The accounts of the history's operators, for the start-up print-out. */
export const HISTORY_ACCOUNTS = HISTORY_SPACES.map((s) => ({ username: s.username, displayName: s.displayName, organisation: s.operator.name, space: s.space.name }));

/**
 * What the start-up print-out says of the history, after the main accounts: what it holds and the
 * operators' accounts, of which those with a returned application to fix first.
 */
export function historyLines(): string[] {
  const returned = ['xc_returned', 'ln_returned', 'js_returned'].map((key) => HISTORY_ACCOUNTS.find((a) => a.username === HISTORY_SPACES.find((s) => s.key === key)!.username)!);
  const others = HISTORY_ACCOUNTS.filter((a) => !returned.includes(a)).map((a) => a.username);
  return [
    '演示历史 / demo history: 三条审核流程各环节的申请、上一年度许昌市备案名单、一条信用记录 / applications at every stage of the three chains, last year\'s 许昌 list, a credit record',
    `  被退回待修改的运营主体 / operators with a returned application: ${returned.map((a) => `${a.username}（${a.space}）`).join('、')}`,
    `  其他运营主体账号 / other operator accounts: ${others.join(', ')}`,
  ];
}

type Chain = Exclude<ChainTemplateKey, 'province_national' | 'change_report'>;

interface Applied {
  id: string;
  key: string;
  spaceName: string;
}

/** Who does what: the seed's actors, loaded once each, and the audit context of their requests. */
class Cast {
  private readonly actors = new Map<string, Actor>();
  private readonly usernames = new Map<string, string>();
  constructor(
    readonly db: Db,
    private readonly ids: Map<string, string>,
  ) {
    for (const [username, id] of ids) this.usernames.set(id, username);
  }

  async as(username: string): Promise<Actor> {
    const known = this.actors.get(username);
    if (known) return known;
    const id = this.ids.get(username);
    const actor = id ? await loadActor(this.db, id, 'demo-seed') : null;
    if (!actor) throw new Error(`demo history: no active account ${username}`);
    this.actors.set(username, actor);
    return actor;
  }

  usernameOf(userId: string): string {
    return this.usernames.get(userId)!;
  }
}

/** What an action by `actor` records as its origin: the actor, no address (nobody sent a request). */
const ctxOf = (actor: Actor): AuditContext => ({ actorUserId: actor.userId, actorUsername: actor.username, actorOrgId: actor.org.id, ip: null, requestId: null });

const verdicts = (chain: ChainTemplateKey, stageKey: string, note: (label: string) => string) =>
  stageOf(chain, stageKey)!.checklist.map((c) => ({ key: c.key, verdict: 'ok' as const, note: note(c.label) }));

const checked = (chain: ChainTemplateKey, stageKey: string) => verdicts(chain, stageKey, (label) => `已核查：${label}，与原件一致`);

const p = (text: string) => `<p>${text}</p>`;

/** The 申报书 of a space, written from its focus and cases. */
function reportOf(s: HistorySpace) {
  const host = s.host ? `建设主体${s.host.name}` : `运营主体${s.operator.name}`;
  return {
    hostOverview: p(`${host}长期深耕${s.space.subField ?? '本地产业'}领域，具备完善的研发、生产和服务体系，近三年无不良信用记录。`),
    currentStatus: p(`${s.space.name}现有自主支配场地 ${s.figures.floorAreaM2} 平方米，其中公共服务场地 ${s.figures.publicServiceAreaM2} 平方米；${s.focus}。`),
    overallResults: p(`累计入驻创业项目 ${s.figures.residentProjects} 个、企业 ${s.figures.residentEnterprises} 家，聘请创业导师 ${s.figures.mentors} 名，近一年举办创新创业活动 ${s.figures.eventsHeld} 场。`),
    successCases: s.cases.map((title) => ({ title, content: p(`${title.split('：')[0]}入驻后，空间提供场地、导师辅导和融资对接，${title.split('：')[1] ?? '取得良好成效'}。`) })),
    goalsAndTasks: p(`未来三年，${s.space.name}将聚焦${s.space.subField ?? '主导产业'}，新增孵化项目 50 个以上，培育高新技术企业 10 家以上。`),
    organisationAndSupport: p(`成立由${s.operator.profile.legalRepresentative}任组长的建设领导小组，设立专项运营资金，建立入驻、考核和退出制度。`),
  };
}

/** Organisations, accounts, profiles, hosts and spaces of the history, in one transaction. */
async function seedRegistry(db: Db, config: Config) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    for (const s of HISTORY_SPACES) {
      const operator = await createOrganisationInTx(tx, SYSTEM_CONTEXT, { name: s.operator.name, kind: 'operator', regionCode: s.operator.regionCode, uscc: s.operator.uscc });
      await createAccountInTx(tx, config, SYSTEM_CONTEXT, { username: s.username, displayName: s.displayName, roles: ['operator_admin'], password: DEMO_PASSWORD, orgId: operator.id, mustChangePassword: false }, passwordHash);
      await createProfileInTx(tx, operator.id, s.operator.profile);
      const hostIds: string[] = [];
      if (s.host) {
        const host = await createOrganisationInTx(tx, SYSTEM_CONTEXT, { name: s.host.name, kind: 'host', hostType: s.host.hostType, regionCode: s.host.regionCode, uscc: s.host.uscc });
        await createProfileInTx(tx, host.id, { hostCredentials: s.host.credentials });
        await linkHostInTx(tx, SYSTEM_CONTEXT, operator.id, host.id);
        hostIds.push(host.id);
      }
      await createSpaceInTx(tx, SYSTEM_CONTEXT, operator, { ...s.space, hostIds });
    }
  });
}

class History {
  private readonly spaces = new Map(HISTORY_SPACES.map((s) => [s.key, s]));
  constructor(
    readonly cast: Cast,
    readonly config: Config,
  ) {}

  get db() {
    return this.cast.db;
  }

  /** A PDF scan uploaded by `actor`'s organisation. */
  async upload(actor: Actor, name: string, caption: string) {
    return uploadFile(this.db, this.config, ctxOf(actor), actor, { filename: name, stream: Readable.from(demoPdf(caption)) });
  }

  /** The space's operator fills the whole dossier, uploads every required material, confirms the commitment and submits. */
  async apply(key: string, callId: string): Promise<Applied> {
    const s = this.spaces.get(key)!;
    const actor = await this.cast.as(s.username);
    const ctx = ctxOf(actor);
    const spaceId = await this.spaceIdOf(s.space.name);
    const created = await createApplication(this.db, actor, ctx, { callId, spaceId });
    const saved = await saveDossier(this.db, actor, ctx, created.id, { revision: created.revision, basicInfo: { ...created.basicInfo, ...s.figures }, report: reportOf(s) });
    // The scans upload side by side, as a browser sends them; each then goes into its slot.
    const required = created.call.materialSlots.filter((m) => m.required);
    const uploaded = await Promise.all(required.map((slot) => this.upload(actor, `${slot.name}-${s.space.name}.pdf`, `${slot.key} / ${s.operator.uscc}`)));
    await Promise.all(required.map((slot, i) => attachFile(this.db, actor, ctx, created.id, { slotKey: slot.key, fileId: uploaded[i]!.id })));
    await confirmCommitment(this.db, actor, ctx, created.id);
    await submitApplication(this.db, actor, ctx, created.id, { revision: saved.revision });
    return { id: created.id, key, spaceName: s.space.name };
  }

  /** The spaces named apply side by side (their operators work independently); each application by its space's key. */
  async applyAll<K extends string>(callId: string, keys: readonly K[]): Promise<Record<K, Applied>> {
    const applied = await Promise.all(keys.map((k) => this.apply(k, callId)));
    return Object.fromEntries(applied.map((a) => [a.key, a])) as Record<K, Applied>;
  }

  private spaceIds?: Map<string, string>;
  private async spaceIdOf(name: string): Promise<string> {
    if (!this.spaceIds) {
      const rows = await this.db.select({ id: spaces.id, name: spaces.name }).from(spaces);
      this.spaceIds = new Map(rows.map((r) => [r.name, r.id]));
    }
    return this.spaceIds.get(name)!;
  }

  async pass(username: string, chain: ChainTemplateKey, a: Applied, stageKey: string, note = '经审核，材料真实完整，符合要求，同意通过') {
    const actor = await this.cast.as(username);
    await passStage(this.db, actor, ctxOf(actor), a.id, { stageKey, checklist: checked(chain, stageKey), note });
  }

  async return(username: string, a: Applied, stageKey: string, note: string, itemComments: { field: string; comment: string }[], dueDays: number) {
    const actor = await this.cast.as(username);
    await returnForRevision(this.db, actor, ctxOf(actor), a.id, { stageKey, note, itemComments, resubmitDueAt: new Date(Date.now() + dueDays * DAY_MS).toISOString() });
  }

  /** A recommendation batch with the stage's signed documents, prepared by the reviewer and sent by the admin. */
  async recommend(reviewer: string, admin: string, chain: ChainTemplateKey, callId: string, stageKey: string, apps: Applied[], letterNumber: string) {
    const r = await this.cast.as(reviewer);
    const batch = await createBatch(this.db, r, ctxOf(r), {
      callId,
      stageKey,
      letterNumber,
      items: apps.map((a) => ({ applicationId: a.id, checklist: verdicts(chain, stageKey, (label) => `经核查，${label}`) })),
    });
    const stage = stageOf(chain, stageKey)!;
    const letter = await this.upload(r, `推荐函（${letterNumber}，盖章）.pdf`, `recommendation letter ${batch.id}`);
    const commitment = stage.documents?.includes('authority_commitment') ? await this.upload(r, '主管部门信用承诺书（盖章）.pdf', `authority commitment ${batch.id}`) : undefined;
    const linked = await attachDocuments(this.db, r, ctxOf(r), batch.id, { letterFileId: letter.id, commitmentFileId: commitment?.id });
    const a = await this.cast.as(admin);
    await sendBatch(this.db, a, ctxOf(a), batch.id, { revision: linked.revision });
  }

  /**
   * The stage's admin lets the expert pool's auto-assignment pick the panels; of each panel the
   * first `scoring` experts declare no conflict and score, the next one only declares (`Infinity`: all score).
   */
  async experts(admin: string, callId: string, stageKey: string, apps: Applied[], scoring: number) {
    const a = await this.cast.as(admin);
    const plan = await autoAssign(this.db, a, ctxOf(a), { callId, stageKey, applicationIds: apps.map((x) => x.id) });
    for (const [n, assigned] of plan.assigned.entries()) {
      for (const [i, expert] of assigned.experts.entries()) {
        if (i > scoring) break;
        const e = await this.cast.as(this.cast.usernameOf(expert.userId));
        const mine = (await myAssignments(this.db, e)).items.find((x) => x.applicationId === assigned.applicationId && x.stage.key === stageKey)!;
        await declareNoConflict(this.db, e, ctxOf(e), mine.id);
        if (i === scoring) continue;
        const v = 78 + ((n * 7 + i * 5) % 15);
        await submitScores(this.db, e, ctxOf(e), mine.id, {
          scores: { foundation: v, services: v + 2, results: v - 3, operation: v + 1 },
          comment: v >= 85 ? '专业特色鲜明，服务体系完善，孵化成效显著' : '基础条件较好，建议进一步加强投融资服务',
        });
      }
    }
  }

  /** The reviewer records an approval at the decision stage; the decision's id. */
  async decide(reviewer: string, chain: ChainTemplateKey, a: Applied, stageKey: string) {
    const r = await this.cast.as(reviewer);
    const d = await recordDecision(this.db, r, ctxOf(r), { applicationId: a.id, stageKey, outcome: 'approve', reason: '经审定，符合备案条件', checklist: checked(chain, stageKey) });
    return d.id;
  }

  async release(admin: string, callId: string, stageKey: string, decisionIds: string[], title: string, documentNumber: string, issuedOn: string) {
    const a = await this.cast.as(admin);
    return releaseDecisions(this.db, a, ctxOf(a), { callId, stageKey, decisionIds, expectedCount: decisionIds.length, title, documentNumber, issuedOn });
  }
}

/** The open demo call of each chain (src/seed/demo.ts). */
async function demoCalls(db: Db, year: number): Promise<Record<Chain, string>> {
  const rows = await db.select({ id: calls.id, chain: chains.key }).from(calls).innerJoin(chains, eq(chains.id, calls.chainId)).where(eq(calls.year, year));
  const of = (chain: Chain) => rows.find((r) => r.chain === chain)!.id;
  return { xuchang_city: of('xuchang_city'), liaoning_province: of('liaoning_province'), jiangsu_national: of('jiangsu_national') };
}

/**
 * 辽宁, first half: six 沈阳 spaces and one 大连 space apply; 沈阳 returns one with comments and
 * passes five into its notice stage, of which three go on a notice that ends in a moment (so the
 * chain can move on) and two on one that runs for a week, one of them with an objection from the
 * public. Answers the notice to conclude and when it may be.
 */
async function liaoningUpToNotices(h: History, callId: string, now: Date, year: number) {
  const chain = 'liaoning_province';
  const { ln_returned: returned, ln_objected: objected, ln_notice: notice, ln_recommend: recommend, ln_expert: expert, ln_filed: filed, ln_returns: forReturns } = await h.applyAll(callId, [
    'ln_waiting',
    'ln_dalian',
    'ln_returned',
    'ln_objected',
    'ln_notice',
    'ln_recommend',
    'ln_expert',
    'ln_filed',
    'ln_returns',
  ] as const);
  await h.return('sy_reviewer', returned, 'city_authenticity', '创业导师聘书与申报人数不符，请补充完整后重新提交', [
    { field: 'basicInfo.mentors', comment: '申报创业导师 20 名，附件仅有 14 份聘书，请补齐或更正人数' },
    { field: 'attachments.fund_proof', comment: '基金证明未体现实缴规模，请补充出资证明' },
  ], 10);
  for (const a of [objected, notice, recommend, expert, filed, forReturns]) await h.pass('sy_reviewer', chain, a, 'city_authenticity');
  const sy = await h.cast.as('sy_admin');
  const ends = new Date(Date.now() + 1500);
  const first = await publishNotice(h.db, sy, ctxOf(sy), {
    callId,
    stageKey: 'city_notice',
    applicationIds: [recommend.id, expert.id, filed.id, forReturns.id],
    title: `沈阳市${year}年第一批专业化众创空间备案申报材料审查结果公示`,
    body: '经审查，以下众创空间申报材料真实有效，现予公示。公示期内，任何单位和个人如有异议，请以实名书面形式向沈阳市科学技术局反映。',
    startsAt: new Date(now.getTime() - 12 * DAY_MS).toISOString(),
    endsAt: ends.toISOString(),
  });
  const second = await publishNotice(h.db, sy, ctxOf(sy), {
    callId,
    stageKey: 'city_notice',
    applicationIds: [objected.id, notice.id],
    title: `沈阳市${year}年第二批专业化众创空间备案申报材料审查结果公示`,
    body: '经审查，以下众创空间申报材料真实有效，现予公示，公示期为 7 天。公示期内如有异议，请以实名书面形式向沈阳市科学技术局反映。',
    startsAt: new Date(now.getTime() - 2 * DAY_MS).toISOString(),
    endsAt: new Date(now.getTime() + 5 * DAY_MS).toISOString(),
  });
  const entry = second.entries.find((e) => e.applicationId === objected.id)!;
  await fileObjection(h.db, h.config, { ...SYSTEM_CONTEXT, actorUsername: null }, second.id, {
    entryId: entry.id,
    name: '周建明',
    contact: '13904008899',
    grounds: '该空间公示的公共服务场地面积与实际不符，部分场地已出租给非孵化企业用于仓储，请予以核实。',
  });
  return { first: first.id, ends, apps: { recommend: recommend, expert: expert, filed: filed, forReturns } };
}

/** 辽宁, second half (after the first notice ended): one waits for 沈阳's letter, two go on to the province's experts, one is filed. */
async function liaoningAfterNotice(h: History, callId: string, apps: { recommend: Applied; expert: Applied; filed: Applied; forReturns: Applied }, year: number) {
  const chain = 'liaoning_province';
  const filed = [apps.filed, apps.forReturns];
  await h.recommend('sy_reviewer', 'sy_admin', chain, callId, 'city_recommend', [apps.expert, ...filed], `沈科推〔${year}〕17号`);
  await h.experts('ln_admin', callId, 'province_expert', filed, Infinity);
  await h.experts('ln_admin', callId, 'province_expert', [apps.expert], 1);
  const decisions = [];
  for (const a of filed) {
    await h.pass('ln_reviewer', chain, a, 'province_expert', '专家评审平均分 85 分以上，同意进入审定');
    decisions.push(await h.decide('ln_reviewer', chain, a, 'province_decision'));
  }
  await h.release('ln_admin', callId, 'province_decision', decisions, `辽宁省${year}年度第一批专业化众创空间备案名单`, `辽科发〔${year}〕27号`, beijingDay(new Date()));
}

/** 许昌 this year: one waiting at the county, one returned, one waiting for the county's letter, one at the city, one decided, one filed. */
async function xuchang(h: History, callId: string, year: number) {
  const chain = 'xuchang_city';
  const { xc_returned: returned, xc_recommend: recommend, xc_city: city, xc_decided: decided, xc_filed: filed } = await h.applyAll(callId, [
    'xc_waiting',
    'xc_returned',
    'xc_recommend',
    'xc_city',
    'xc_decided',
    'xc_filed',
  ] as const);
  await h.return('yz_reviewer', returned, 'county_review', '场地租赁合同剩余期限不足，请补充续租协议', [
    { field: 'attachments.premises_proof', comment: '租赁合同将于明年到期，剩余租期不足 5 年，请补充续租协议' },
    { field: 'basicInfo.publicServiceAreaM2', comment: '公共服务场地面积与平面图标注不一致，请核实' },
  ], 14);
  await h.pass('cg_reviewer', chain, recommend, 'county_review');
  await h.pass('cg_reviewer', chain, decided, 'county_review');
  await h.pass('yz_reviewer', chain, city, 'county_review');
  await h.pass('yz_reviewer', chain, filed, 'county_review');
  await h.recommend('cg_reviewer', 'cg_admin', chain, callId, 'county_recommend', [decided], `长科推〔${year}〕12号`);
  await h.recommend('yz_reviewer', 'yz_admin', chain, callId, 'county_recommend', [city, filed], `禹科推〔${year}〕9号`);
  await h.pass('xc_reviewer', chain, decided, 'city_review');
  await h.pass('xc_reviewer', chain, filed, 'city_review');
  await h.decide('xc_reviewer', chain, decided, 'city_decision');
  const d = await h.decide('xc_reviewer', chain, filed, 'city_decision');
  await h.release('xc_admin', callId, 'city_decision', [d], `许昌市${year}年度第一批众创空间备案名单`, `许科〔${year}〕58号`, beijingDay(new Date()));
}

/**
 * 江苏 → national: two wait for their city's letter (南京, 苏州高新区); 苏州 and 南京 recommend six;
 * the intake agency takes five, the province returns one, formally passes three, its experts score
 * them (one still mid-scoring), selects two for the ministry, which files one.
 */
async function jiangsu(h: History, callId: string, year: number) {
  const chain = 'jiangsu_national';
  const { js_intake: intake, js_returned: returned, js_formal: formal, js_expert: expert, js_national: national, js_filed: filed } = await h.applyAll(callId, [
    'js_waiting',
    'js_hitech',
    'js_intake',
    'js_returned',
    'js_formal',
    'js_expert',
    'js_national',
    'js_filed',
  ] as const);
  await h.recommend('sz_reviewer', 'sz_admin', chain, callId, 'city_recommend', [intake, returned, expert, filed], `苏科推〔${year}〕15号`);
  await h.recommend('nj_reviewer', 'nj_admin', chain, callId, 'city_recommend', [formal, national], `宁科推〔${year}〕22号`);
  for (const a of [returned, formal, expert, national, filed]) await h.pass('js_intake', chain, a, 'intake', '推荐函、主管部门信用承诺书及申报材料齐全，予以受理');
  await h.return('js_reviewer', returned, 'province_formal', '申报书格式不规范，请按要求修改后重新提交', [
    { field: 'report.overallResults', comment: '总体成效缺少近三年逐年数据，请补充' },
    { field: 'attachments.applicant_commitment', comment: '信用承诺书未加盖运营主体公章' },
  ], 7);
  for (const a of [expert, national, filed]) await h.pass('js_reviewer', chain, a, 'province_formal');
  await h.experts('js_admin', callId, 'province_expert', [national, filed], Infinity);
  await h.experts('js_admin', callId, 'province_expert', [expert], 1);
  for (const a of [national, filed]) await h.pass('js_reviewer', chain, a, 'province_expert', '专家评审意见一致，同意进入遴选');
  const selected = [await h.decide('js_reviewer', chain, national, 'province_selection'), await h.decide('js_reviewer', chain, filed, 'province_selection')];
  await h.release('js_admin', callId, 'province_selection', selected, `江苏省${year}年拟推荐国家专业化众创空间名单`, `苏科高〔${year}〕41号`, beijingDay(new Date()));
  await h.pass('most_reviewer', chain, filed, 'national_review');
  const d = await h.decide('most_reviewer', chain, filed, 'national_decision');
  await h.release('most_admin', callId, 'national_decision', [d], `${year}年第二批国家专业化众创空间备案名单`, `国科火字〔${year}〕158号`, beijingDay(new Date()));
}

/**
 * Moves every timestamp the last-year phase wrote from the seconds it took onto last year's
 * calendar, and the call's window onto its dates. The services stamp "now" and take no clock (and
 * refuse to submit outside the window), so this is the seed's one write outside them: only timestamp columns, only of rows of the last-year call (its applications, their events,
 * rounds, attachments and files, stage reviews, recommendations, decisions, the list and the
 * filings) and of the notifications and mails sent while that phase ran. The audit log keeps the
 * moment the seed wrote each row (it is append-only, and that is when it happened). `marks` pair
 * the wall-clock moments taken between the phase's steps with the calendar dates they stand for;
 * times in between are interpolated, so the order of events is kept.
 */
async function backdate(db: Db, callId: string, marks: { wall: Date; day: Date }[], window: { opensAt: Date; closesAt: Date }) {
  const last = marks.at(-1)!;
  // The piecewise-linear map as SQL over one column; every value in it is the seed's own (dates and numbers), so it is spliced in as text.
  const f = (column: string) => {
    const parts = marks.slice(0, -1).map((m, i) => {
      const next = marks[i + 1]!;
      const rate = (next.day.getTime() - m.day.getTime()) / Math.max(1, next.wall.getTime() - m.wall.getTime());
      return `when ${column} < '${next.wall.toISOString()}'::timestamptz then '${m.day.toISOString()}'::timestamptz + (${column} - '${m.wall.toISOString()}'::timestamptz) * ${rate}::float8`;
    });
    return sql.raw(`case when ${column} is null then null ${parts.join(' ')} else '${last.day.toISOString()}'::timestamptz end`);
  };
  const [from, to] = [marks[0]!.wall.toISOString(), last.wall.toISOString()];
  const inPhase = (column: string) => sql.raw(`${column} between '${from}'::timestamptz and '${to}'::timestamptz`);
  const apps = sql`(select id from applications where call_id = ${callId})`;
  await db.transaction(async (tx) => {
    await tx.execute(sql`update calls set opens_at = ${window.opensAt.toISOString()}::timestamptz, closes_at = ${window.closesAt.toISOString()}::timestamptz,
      created_at = ${f('created_at')}, updated_at = ${f('updated_at')}, published_at = ${f('published_at')} where id = ${callId}`);
    await tx.execute(sql`update applications set created_at = ${f('created_at')}, updated_at = ${f('updated_at')}, submitted_at = ${f('submitted_at')},
      commitment_confirmed_at = ${f('commitment_confirmed_at')}, stage_due_at = ${f('stage_entered_at')} + (stage_due_at - stage_entered_at), stage_entered_at = ${f('stage_entered_at')}
      where call_id = ${callId}`);
    await tx.execute(sql`update application_events set at = ${f('at')} where application_id in ${apps}`);
    await tx.execute(sql`update application_rounds set submitted_at = ${f('submitted_at')} where application_id in ${apps}`);
    await tx.execute(sql`update files set created_at = ${f('created_at')} where ${inPhase('created_at')} and (id in (select file_id from application_attachments where application_id in ${apps})
      or id in (select letter_file_id from recommendations where call_id = ${callId}) or id in (select commitment_file_id from recommendations where call_id = ${callId} and commitment_file_id is not null))`);
    await tx.execute(sql`update application_attachments set added_at = ${f('added_at')} where application_id in ${apps}`);
    await tx.execute(sql`update stage_reviews set at = ${f('at')} where application_id in ${apps}`);
    await tx.execute(sql`update recommendations set created_at = ${f('created_at')}, sent_at = ${f('sent_at')} where call_id = ${callId}`);
    await tx.execute(sql`update decisions set decided_at = ${f('decided_at')}, released_at = ${f('released_at')} where application_id in ${apps}`);
    await tx.execute(sql`update filings set filed_at = ${f('filed_at')} where application_id in ${apps}`);
    await tx.execute(sql`update filing_lists set published_at = ${f('published_at')} where call_id = ${callId}`);
    await tx.execute(sql`update notifications set created_at = ${f('created_at')} where ${inPhase('created_at')}`);
    await tx.execute(sql`update mail_outbox set created_at = ${f('created_at')} where ${inPhase('created_at')}`);
  });
}

/**
 * Last year's 许昌 call, from its opening to the city's published 备案名单 (with its 文号), backdated
 * onto last year's calendar; then this year, one of its spaces found to have cheated: the filing
 * cancelled, struck from the list, and the operator's credit record.
 */
async function lastYear(h: History, cast: Cast, db: Db, now: Date) {
  const chain = 'xuchang_city';
  const year = Number(beijingDay(now).slice(0, 4)) - 1;
  const xcAdmin = await cast.as('xc_admin');
  const at = (md: string) => new Date(`${year}-${md}+08:00`);
  const marks: { wall: Date; day: Date }[] = [];
  const mark = (md: string) => marks.push({ wall: new Date(), day: at(md) });
  mark('02-24T10:12:00');
  const ruleSetId = await publishedRuleSetId(db, 'xuchang-2016-regular');
  const chainId = await shippedChainVersionId(db, chain);
  if (!ruleSetId || !chainId) throw new Error('demo history: the 许昌 rule set or chain is not loaded');
  const call = await db.transaction((tx) =>
    insertCallInTx(tx, ctxOf(xcAdmin), {
      title: `许昌市${year}年度众创空间备案申报`,
      level: 'city',
      year,
      authorityOrgId: xcAdmin.org.id,
      regionCode: xcAdmin.org.regionCode,
      // Open while the seed applies (the services check the window); moved to last year's dates by `backdate`.
      opensAt: new Date(now.getTime() - DAY_MS),
      closesAt: new Date(now.getTime() + DAY_MS),
      eligibleCategories: ['regular'],
      ruleSetId,
      materialSlots: defaultMaterialSlots('city'),
      chainId,
      description: '按照《许昌市众创空间备案管理办法》，经县（市、区）科技主管部门初审并书面推荐后，市科技局审核，达标一批，备案一批。',
      status: 'published',
      publishedAt: new Date(),
      createdBy: xcAdmin.userId,
    }),
  );
  mark('03-03T09:00:00');
  const { ly_zhineng: zhineng, ly_qingnian: qingnian, ly_huizhi: huizhi } = await h.applyAll(call.id, ['ly_zhineng', 'ly_qingnian', 'ly_huizhi'] as const);
  mark('04-22T16:40:00');
  await h.pass('cg_reviewer', chain, zhineng, 'county_review');
  await h.pass('cg_reviewer', chain, huizhi, 'county_review');
  await h.pass('yz_reviewer', chain, qingnian, 'county_review');
  mark('05-09T11:20:00');
  await h.recommend('cg_reviewer', 'cg_admin', chain, call.id, 'county_recommend', [zhineng, huizhi], `长科推〔${year}〕7号`);
  await h.recommend('yz_reviewer', 'yz_admin', chain, call.id, 'county_recommend', [qingnian], `禹科推〔${year}〕5号`);
  mark('05-20T15:00:00');
  for (const a of [zhineng, qingnian, huizhi]) await h.pass('xc_reviewer', chain, a, 'city_review');
  mark('06-27T10:30:00');
  const decisions = [];
  for (const a of [zhineng, qingnian, huizhi]) decisions.push(await h.decide('xc_reviewer', chain, a, 'city_decision'));
  mark('07-15T09:30:00');
  const list = await h.release('xc_admin', call.id, 'city_decision', decisions, `许昌市${year}年度众创空间备案名单`, `许科〔${year}〕36号`, `${year}-07-18`);
  mark('07-18T17:00:00');
  await backdate(db, call.id, marks, { opensAt: at('03-01T09:00:00'), closesAt: at('04-30T17:00:00') });

  // This year's spot check found the 汇智 space's incubation figures made up.
  const evidence = await h.upload(xcAdmin, '长葛汇智众创空间核查报告.pdf', `inspection report ${huizhi.id}`);
  await recordFraudFinding(db, xcAdmin, ctxOf(xcAdmin), {
    applicationId: huizhi.id,
    reason: '经实地核查，该空间申报的入驻企业中有 9 家未实际入驻，孵化成效数据弄虚作假，依据《许昌市众创空间备案管理办法》撤销备案。',
    evidenceFileId: evidence.id,
  });
  return { callId: call.id, listId: list.id };
}

export interface HistorySummary {
  lastYear: { callId: string; listId: string };
  /** Filing applications (the statistics returns are seeded apart, src/seed/history-returns.ts). */
  applications: number;
  ms: number;
}

/** Seeds the history on top of `seedDemo`'s organisations, accounts and calls (an empty database otherwise). */
/**
 * `servicePlatform: false` leaves out the open service platform's history (bookings, services,
 * mentors): the tests of filing and supervision that seed the history do not read it, and it is
 * the slower part to write.
 */
export async function seedHistory(db: Db, config: Config, opts: { servicePlatform?: boolean } = {}): Promise<HistorySummary> {
  const started = Date.now();
  await seedRegistry(db, config);
  const accounts = await db.select({ id: users.id, username: users.username }).from(users);
  const cast = new Cast(db, new Map(accounts.map((u) => [u.username, u.id])));
  const h = new History(cast, config);
  const now = new Date();
  const year = Number(beijingDay(now).slice(0, 4));
  const open = await demoCalls(db, year);
  const previous = await lastYear(h, cast, db, now);
  const liaoning = await liaoningUpToNotices(h, open.liaoning_province, now, year);
  await xuchang(h, open.xuchang_city, year);
  await jiangsu(h, open.jiangsu_national, year);
  // The first 沈阳 notice has ended by now (it ran for a moment): its conclusion moves its three on.
  const wait = liaoning.ends.getTime() - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait + 50));
  await concludeNoticeJob(db, { noticeId: liaoning.first });
  await liaoningAfterNotice(h, open.liaoning_province, liaoning.apps, year);
  await seedRosterHistory(db, now);
  await seedChangeReports(db, config, (username) => cast.as(username));
  await seedReturns(db, year);
  await seedEvaluations(db, year);
  await seedRevocationProposals(db, year);
  await seedPolicyLibrary(db, config);
  await seedSupportsHistory(db, config, year);
  if (opts.servicePlatform ?? true) {
    await seedServicesHistory(db, config, now);
    await seedBookingHistory(db, config, now);
    await seedSpacesiteHistory(db);
    await seedEventsHistory(db, config, now);
    await seedCrowdHistory(db, config, now);
    await seedPitchHistory(db, config, now);
  }
  // Last: the checks read the support register and the accepted returns the steps above left.
  await seedDuplicateChecks(db);
  const [apps] = await db.select({ n: sql<number>`count(*)::int` }).from(applications).where(eq(applications.kind, 'filing'));
  return { lastYear: previous, applications: apps?.n ?? 0, ms: Date.now() - started };
}
