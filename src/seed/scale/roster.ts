import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { FOUNDER_TYPES } from '../../db/schema.ts';
import { LAST_YEAR, type ScaleSize } from './sizes.ts';
import { usccExpression } from './sql-helpers.ts';

/**
 * Each space's roster (在孵企业): teams and enterprises entering evenly over the years, each staying
 * 300–1,400 days (≈ 2.3 years on average) and then graduated, exited, moved on or deregistered;
 * those whose stay has not ended are resident. So a space serves ≈ 3.3 years' entrants in a year
 * (the national size: ≈ 10 entrants a space a year, ≈ 500,000 incubatees served a year) and every
 * entry year's survival cohort has deregistrations among its leavers. Each row carries the status
 * history the roster module keeps (entry, then the change). Enterprises carry a valid USCC of their county.
 */
export async function seedRoster(tx: Tx, size: ScaleSize): Promise<void> {
  const founders = `array[${FOUNDER_TYPES.map((f) => `'${f}'`).join(',')}]`;
  await tx.execute(sql`create temp table scale_incubatee on commit drop as
    select pg_temp.sid('incubatee:' || s.no || ':' || k) as id, s.no, k, s.county_code, s.county_name, s.industry,
      pg_temp.u('kind:' || s.no || ':' || k) < 0.65 as enterprise,
      (${`${LAST_YEAR - size.years + 1}-01-01`}::date + (pg_temp.u('entry:' || s.no || ':' || k) * (365 * ${size.years} - 40))::int) as entry_date,
      pg_temp.u('status:' || s.no || ':' || k) as r, (300 + pg_temp.u('stay:' || s.no || ':' || k) * 1100)::int as stay_days
    from scale_space s cross join generate_series(1, ${size.incubateesPerSpace}) k`);
  await tx.execute(sql`insert into incubatees (id, space_id, kind, name, uscc, entry_date, industry, founder_types, jobs, graduates_hired, valid_ip, invention_patents,
      newly_registered, registered_on, status, status_date, left_on, created_at, updated_at)
    select i.id, pg_temp.sid('space:' || i.no), case when i.enterprise then 'enterprise' else 'team' end,
      i.county_name || ${sql.raw(`(array['云','智','新','博','华','星','锐','联','创','合','德','信'])`)}[1 + i.k % 12] || ${sql.raw(`(array['图','科','达','汇','远','芯','能','禾','途','思'])`)}[1 + (i.no + i.k) % 10]
        || case when i.enterprise then '科技有限公司' else '创业团队' end || case when i.k > 120 then '（' || i.k || '）' else '' end,
      case when i.enterprise then ${usccExpression('i.county_code', 'MC', 'i.no::bigint * 1000 + i.k')} end,
      i.entry_date, i.industry, array[(${sql.raw(founders)})[1 + i.k % 6]], 1 + (i.no + i.k * 7) % 30, least(1 + (i.no + i.k * 7) % 30, (i.no + i.k) % 5), (i.no * i.k) % 6, least((i.no * i.k) % 6, (i.no * i.k) % 3),
      i.enterprise and i.k % 3 = 0, case when i.enterprise and i.k % 3 = 0 then i.entry_date + 30 end,
      st.status, case when st.status = 'resident' then i.entry_date else st.left_on end, st.left_on,
      i.entry_date::timestamptz, coalesce(st.left_on, i.entry_date)::timestamptz
    from scale_incubatee i
    cross join lateral (select i.entry_date + i.stay_days > ${`${LAST_YEAR}-11-30`}::date as staying) x
    cross join lateral (select
      case when x.staying then 'resident' when i.r < 0.45 then 'graduated' when i.r < 0.7 then 'exited' when i.r < 0.8 then 'moved' else 'deregistered' end as status,
      case when not x.staying then i.entry_date + i.stay_days end as left_on) st`);
  await tx.execute(sql`insert into incubatee_status_events (id, incubatee_id, from_status, to_status, effective_on, created_at)
    select pg_temp.sid('incubatee-entry:' || i.id), i.id, null, 'resident', i.entry_date, i.entry_date::timestamptz from incubatees i join scale_incubatee s on s.id = i.id
    union all
    select pg_temp.sid('incubatee-status:' || i.id), i.id, 'resident', i.status, i.left_on, i.left_on::timestamptz from incubatees i join scale_incubatee s on s.id = i.id
    where i.status <> 'resident'`);
}
