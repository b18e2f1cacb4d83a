/**
 * The figures an evaluation scores a space on (AFTER-FILING §3), drawn for every space of a round at
 * once: the values of the year's accepted annual return in the catalogue's display units (money in
 * 千元, as a scheme's thresholds are written), the survival of the roster's entry cohorts, and
 * whether a false-data finding was recorded against the operator in the year, the activities it
 * registered and held by its role (活动登记), the mentors' coaching sessions and the completed bookings
 * of the year (the service platform). Activities are counted for every space, none held being a
 * true zero (002 §四(二): activities are to be registered); a space that keeps no mentors or
 * resources on the platform has no coaching or booking figure: they stay absent, so an indicator on
 * them explains itself as 无平台数据 rather than scoring a made-up zero.
 */
import { and, desc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { bookingPeriodFigures } from '../booking/index.ts';
import { creditRecords } from '../credit/index.ts';
import { eventFigures } from '../events/index.ts';
import { filings } from '../filings/index.ts';
import { organisations } from '../orgs/index.ts';
import { regions } from '../regions/index.ts';
import { numericCodesOf, returnCatalogues, returnRounds, returnValues, toDisplay, type CatalogueDefinition } from '../returns/index.ts';
import { mentorPeriodFigures } from '../mentors/index.ts';
import { incubatees } from '../roster/index.ts';
import { spaceHosts, spaces } from '../spaces/index.ts';
import type { REGULAR_TYPES, SPACE_CATEGORIES } from '../../shared/domain.ts';
import type { SpaceFigures } from './scoring.ts';
import { beijingYearBounds } from '../../shared/beijing-time.ts';

export type FiguresScope = { year: number } & ({ regionPath: string; spaceIds?: undefined } | { spaceIds: readonly string[]; regionPath?: undefined });

/**
 * The active spaces filed within a jurisdiction (any level), the ones a round there enrols, of the
 * scheme's category (and regular types) when given; oldest id first.
 */
export async function filedSpaces(db: DbOrTx, regionPath: string, only?: { category: (typeof SPACE_CATEGORIES)[number]; types: readonly (typeof REGULAR_TYPES)[number][] | null }) {
  return db
    .selectDistinct({ id: spaces.id, operatorOrgId: spaces.operatorOrgId })
    .from(spaces)
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .innerJoin(filings, and(eq(filings.spaceId, spaces.id), eq(filings.status, 'active')))
    .where(
      and(
        eq(spaces.status, 'active'),
        sql`(${regions.path} = ${regionPath} or ${regions.path} like ${`${regionPath}/%`})`,
        only ? eq(spaces.category, only.category) : undefined,
        only?.types?.length ? inArray(spaces.regularType, [...only.types]) : undefined,
      ),
    )
    .orderBy(spaces.id);
}

/** A percentage with one decimal, as the schemes' survival ranges are written. */
const percent = (part: number, whole: number) => Math.round((part / whole) * 1000) / 10;

/**
 * Each space's figures for the evaluation of `year`, in the order of `spaceIds` (or of the
 * jurisdiction's filed spaces): seven statements at most whatever the number of spaces (eight
 * when the jurisdiction's filed spaces are drawn first).
 *
 * - `returnValues`: the accepted annual return of the year (period = the year), numeric indicators
 *   only, in display units; null when none was accepted (应评未评).
 * - `survival_s1` / `survival_s3` (%): of the roster's entrants of year−1 / year−3, the share not
 *   deregistered by 31 December of the year (the roster's S(k)); absent without entrants. For a
 *   space built on an incubator (a host of type 孵化器), the incubator's own incubatees
 *   (`incubatees.host_incubatee`) are left out (003 第十条: separately drawn scope, no double counting).
 * - `false_data_found`: 1 when a credit record (a fraud finding) was found against the operator in the
 *   year (Asia/Shanghai), else 0.
 * - `activities`: the held events that started in the year (Asia/Shanghai) by the space's role
 *   (主办 / 承办 / 联合举办), zeros when none; the scheme weights them (`activities_weighted`).
 * - `coaching_sessions`: the sessions the space's mentors held in the year, for spaces that keep
 *   mentors on the platform; `bookings`: the completed bookings of its shared resources that started
 *   in the year, for spaces that share resources on the platform.
 */
export async function evaluationFiguresOf(db: DbOrTx, scope: FiguresScope): Promise<SpaceFigures[]> {
  const ids = scope.spaceIds ? [...scope.spaceIds] : (await filedSpaces(db, scope.regionPath)).map((s) => s.id);
  if (!ids.length) return [];
  const { year } = scope;
  const { from: yearStart, to: nextYearStart } = beijingYearBounds(year);
  const cohortYear = sql<number>`extract(year from ${incubatees.entryDate})::int`;
  // The two cohorts as date ranges, which `incubatees_entry_date_idx` serves: testing each entrant's
  // extracted year read all 1.2 million of a country's roster (6.0 s → 1.2 s, BENCHMARKS.md issue 14).
  const enteredIn = (y: number) => sql`(${incubatees.entryDate} >= ${`${y}-01-01`}::date and ${incubatees.entryDate} < ${`${y + 1}-01-01`}::date)`;
  const builtOnIncubator = sql`exists (select 1 from ${spaceHosts} join ${organisations} on ${organisations.id} = ${spaceHosts.hostOrgId}
    where ${spaceHosts.spaceId} = ${incubatees.spaceId} and ${organisations.hostType} = 'incubator')`;
  const [accepted, cohorts, frauds, coaching, booked, events] = await Promise.all([
    db
      .select({ spaceId: returnValues.spaceId, values: returnValues.values, catalogueId: returnRounds.catalogueId })
      .from(returnValues)
      .innerJoin(returnRounds, eq(returnRounds.callId, returnValues.callId))
      .where(and(inArray(returnValues.spaceId, ids), eq(returnRounds.cadence, 'annual'), eq(returnRounds.period, String(year)), isNotNull(returnValues.acceptedAt)))
      // The newest acceptance wins should two rounds in line have collected the same year.
      .orderBy(returnValues.acceptedAt),
    db
      .select({
        spaceId: incubatees.spaceId,
        cohort: cohortYear,
        entrants: sql<number>`count(*)::int`,
        alive: sql<number>`count(*) filter (where not (${incubatees.status} = 'deregistered' and ${incubatees.statusDate} <= ${`${year}-12-31`}::date))::int`,
      })
      .from(incubatees)
      .where(and(inArray(incubatees.spaceId, ids), or(enteredIn(year - 1), enteredIn(year - 3)), sql`not (${incubatees.hostIncubatee} and ${builtOnIncubator})`))
      .groupBy(incubatees.spaceId, cohortYear),
    db
      .selectDistinct({ spaceId: spaces.id })
      .from(spaces)
      .innerJoin(creditRecords, eq(creditRecords.orgId, spaces.operatorOrgId))
      .where(and(inArray(spaces.id, ids), sql`${creditRecords.foundAt} >= ${yearStart}::timestamptz and ${creditRecords.foundAt} < ${nextYearStart}::timestamptz`)),
    mentorPeriodFigures(db, ids, { from: `${year}-01-01`, to: `${year}-12-31` }),
    bookingPeriodFigures(db, ids, { from: new Date(yearStart), to: new Date(nextYearStart) }),
    eventFigures(db, year, ids),
  ]);
  const catalogueIds = [...new Set(accepted.map((r) => r.catalogueId))];
  const catalogues = new Map<string, CatalogueDefinition>(
    catalogueIds.length ? (await db.select({ id: returnCatalogues.id, definition: returnCatalogues.definition }).from(returnCatalogues).where(inArray(returnCatalogues.id, catalogueIds))).map((c) => [c.id, c.definition]) : [],
  );

  const out = new Map<string, SpaceFigures>(ids.map((id) => [id, { spaceId: id, returnValues: null, platform: {}, activities: null, expert: {} }]));
  for (const r of accepted) {
    const definition = catalogues.get(r.catalogueId)!;
    const numeric = numericCodesOf(definition);
    const values: Record<string, number> = {};
    for (const ind of definition.indicators) {
      const v = r.values[ind.code];
      if (numeric.has(ind.code) && typeof v === 'number') values[ind.code] = toDisplay(ind, v);
    }
    out.get(r.spaceId)!.returnValues = values;
  }
  const platform = new Map(ids.map((id) => [id, { false_data_found: 0 } as Record<string, number>]));
  for (const c of cohorts) if (c.entrants > 0) platform.get(c.spaceId)![Number(c.cohort) === year - 1 ? 'survival_s1' : 'survival_s3'] = percent(c.alive, c.entrants);
  for (const f of frauds) platform.get(f.spaceId)!.false_data_found = 1;
  for (const [spaceId, m] of coaching) platform.get(spaceId)!.coaching_sessions = m.sessions;
  for (const [spaceId, b] of booked) platform.get(spaceId)!.bookings = b.completed;
  for (const [id, p] of platform) out.get(id)!.platform = p;
  for (const [spaceId, e] of events) out.get(spaceId)!.activities = { host: e.byRole.host, organiser: e.byRole.organiser, joint: e.byRole.joint };
  return [...out.values()];
}

/**
 * The names and units of the figures drawn from a space's accepted return of the year, by code, from
 * the catalogue version the return was filed on (what an operator confirms reads "在孵企业数 12 家",
 * not a code): two statements; empty when no return was accepted.
 */
export async function returnFigureLabels(db: DbOrTx, spaceId: string, year: number): Promise<Record<string, { label: string; labelEn: string; unit: string | null }>> {
  const [accepted] = await db
    .select({ catalogueId: returnRounds.catalogueId })
    .from(returnValues)
    .innerJoin(returnRounds, eq(returnRounds.callId, returnValues.callId))
    .where(and(eq(returnValues.spaceId, spaceId), eq(returnRounds.cadence, 'annual'), eq(returnRounds.period, String(year)), isNotNull(returnValues.acceptedAt)))
    .orderBy(desc(returnValues.acceptedAt))
    .limit(1);
  if (!accepted) return {};
  const [catalogue] = await db.select({ definition: returnCatalogues.definition }).from(returnCatalogues).where(eq(returnCatalogues.id, accepted.catalogueId));
  if (!catalogue) return {};
  const numeric = numericCodesOf(catalogue.definition);
  return Object.fromEntries(catalogue.definition.indicators.filter((i) => numeric.has(i.code)).map((i) => [i.code, { label: i.label, labelEn: i.labelEn, unit: i.unit }]));
}
