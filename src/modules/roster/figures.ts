import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { FOUNDER_TYPES, incubateeFinancings, incubatees, type FounderType } from './schema.ts';

/** What the roster says of one space over a period, for the statistics return's prefill (AFTER-FILING §1). */
export interface RosterFigures {
  /** 当年服务的创业团队数量 (个): teams in the roster during any part of the period. */
  teamsServed: number;
  /** 当年服务的初创企业数量 (个): enterprises in the roster during any part of the period. */
  startupsServed: number;
  /** 协议入驻团队和企业 (个): served ones with an agreement on file. */
  agreements: number;
  /** 初创企业吸纳就业人员 (人): jobs of the enterprises served. */
  startupJobs: number;
  /** 其中应届大学毕业生 (人). */
  graduatesHired: number;
  /** 当年新注册企业数量 (个): served ones newly registered within the period. */
  newRegistered: number;
  /** 当年获得投资的团队及企业数量 (个): served ones with a round received within the period. */
  investedCount: number;
  /** 获得投资总额 (元) of the rounds within the period, with its two 其中 items. */
  investmentYuan: number;
  socialInvestmentYuan: number;
  ownInvestmentYuan: number;
  /** 拥有有效知识产权数量 (件) of the served, 其中发明专利. */
  validIp: number;
  inventionPatents: number;
  /** 创业者类型: served ones whose founders include each type (types overlap: no sum rule). */
  founderTypes: Record<FounderType, number>;
}

const emptyFigures = (): RosterFigures => ({
  teamsServed: 0,
  startupsServed: 0,
  agreements: 0,
  startupJobs: 0,
  graduatesHired: 0,
  newRegistered: 0,
  investedCount: 0,
  investmentYuan: 0,
  socialInvestmentYuan: 0,
  ownInvestmentYuan: 0,
  validIp: 0,
  inventionPatents: 0,
  founderTypes: Object.fromEntries(FOUNDER_TYPES.map((t) => [t, 0])) as Record<FounderType, number>,
});

/** In the roster during any part of [from, to]: entered by its end and not left before its start. */
const servedIn = (from: string, to: string) => sql`${incubatees.entryDate} <= ${to}::date and (${incubatees.leftOn} is null or ${incubatees.leftOn} >= ${from}::date)`;

const n = (v: unknown) => Number(v ?? 0);

/**
 * The roster figures of every space in `spaceIds` over `period` (dates 'YYYY-MM-DD', both ends
 * inclusive), in two set-based statements whatever the number of spaces; a space without
 * incubatees has zeros. Called by the statistics return to prefill its indicators.
 */
export async function rosterFigures(db: Db | Tx, spaceIds: string[], period: { from: string; to: string }): Promise<Map<string, RosterFigures>> {
  const out = new Map(spaceIds.map((id) => [id, emptyFigures()]));
  if (!spaceIds.length) return out;
  const { from, to } = period;
  const ids = sql`${incubatees.spaceId} in (${sql.join(
    spaceIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
  const typeCounts = FOUNDER_TYPES.map((t) => sql`count(*) filter (where ${t} = any(${incubatees.founderTypes}))::int as ${sql.identifier(`ft_${t}`)}`);
  type Rows = { rows: Record<string, unknown>[] };
  const [people, money] = (await Promise.all([
    db.execute(sql`
      select ${incubatees.spaceId} as space_id,
        count(*) filter (where ${incubatees.kind} = 'team')::int as teams,
        count(*) filter (where ${incubatees.kind} = 'enterprise')::int as startups,
        count(*) filter (where ${incubatees.agreementFileId} is not null)::int as agreements,
        coalesce(sum(${incubatees.jobs}) filter (where ${incubatees.kind} = 'enterprise'), 0)::int as jobs,
        coalesce(sum(${incubatees.graduatesHired}) filter (where ${incubatees.kind} = 'enterprise'), 0)::int as graduates,
        count(*) filter (where ${incubatees.newlyRegistered} and ${incubatees.registeredOn} between ${from}::date and ${to}::date)::int as new_registered,
        coalesce(sum(${incubatees.validIp}), 0)::int as valid_ip,
        coalesce(sum(${incubatees.inventionPatents}), 0)::int as invention_patents,
        ${sql.join(typeCounts, sql`, `)}
      from ${incubatees}
      where ${ids} and ${servedIn(from, to)}
      group by ${incubatees.spaceId}`),
    db.execute(sql`
      select ${incubatees.spaceId} as space_id,
        count(distinct ${incubatees.id})::int as invested,
        coalesce(sum(${incubateeFinancings.amountYuan}), 0)::bigint as total,
        coalesce(sum(${incubateeFinancings.amountYuan}) filter (where ${incubateeFinancings.kind} = 'social'), 0)::bigint as social,
        coalesce(sum(${incubateeFinancings.amountYuan}) filter (where ${incubateeFinancings.kind} = 'own'), 0)::bigint as own
      from ${incubatees} join ${incubateeFinancings} on ${incubateeFinancings.incubateeId} = ${incubatees.id}
      where ${ids} and ${servedIn(from, to)} and ${incubateeFinancings.receivedOn} between ${from}::date and ${to}::date
      group by ${incubatees.spaceId}`),
  ])) as unknown as [Rows, Rows];
  for (const r of people.rows) {
    const f = out.get(String(r.space_id))!;
    Object.assign(f, {
      teamsServed: n(r.teams),
      startupsServed: n(r.startups),
      agreements: n(r.agreements),
      startupJobs: n(r.jobs),
      graduatesHired: n(r.graduates),
      newRegistered: n(r.new_registered),
      validIp: n(r.valid_ip),
      inventionPatents: n(r.invention_patents),
      founderTypes: Object.fromEntries(FOUNDER_TYPES.map((t) => [t, n(r[`ft_${t}`])])),
    });
  }
  for (const r of money.rows) {
    Object.assign(out.get(String(r.space_id))!, { investedCount: n(r.invested), investmentYuan: n(r.total), socialInvestmentYuan: n(r.social), ownInvestmentYuan: n(r.own) });
  }
  return out;
}
