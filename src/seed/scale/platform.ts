import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { ScaleSize } from './sizes.ts';
import { queryRows } from './sql-helpers.ts';

/** A number in [0, 1) from eight hex digits of `h` (an md5 in SQL) starting at `from`: several dice from one hash per row. */
const die = (h: string, from: number) => `(('x' || substr(${h}, ${from}, 8))::bit(32)::bigint / 4294967296.0)`;

/** What the spaces share (issue 15): kind, category (searched platform-wide), fee unit and price per unit in 分. */
const CATALOGUE: readonly (readonly [string, string, 'hour' | 'sample' | 'day', number])[] = [
  ['equipment', '3D打印机', 'hour', 3000],
  ['equipment', '激光切割机', 'hour', 5000],
  ['equipment', '数控加工中心', 'hour', 12000],
  ['equipment', '注塑机', 'hour', 8000],
  ['equipment', '电路板雕刻机', 'hour', 4000],
  ['instrument', '示波器', 'hour', 2000],
  ['instrument', '光谱分析仪', 'sample', 15000],
  ['instrument', '扫描电子显微镜', 'hour', 30000],
  ['instrument', '环境试验箱', 'day', 40000],
  ['instrument', '三坐标测量仪', 'sample', 10000],
  ['facility', '中试车间', 'day', 80000],
  ['facility', '洁净实验室', 'day', 60000],
  ['facility', '电磁兼容测试室', 'hour', 20000],
  ['workstation', '开放工位', 'day', 3000],
  ['workstation', '研发工位', 'day', 5000],
  ['room', '路演厅', 'hour', 10000],
  ['room', '会议室', 'hour', 5000],
  ['room', '直播间', 'hour', 8000],
];
const BRANDS = ['创想', '大族', '普源', '蔡司', '海克斯康', '联泰', '华曙', '鼎阳', '精雕', '海天', '岛津', '是德'];
const THEMES = ['人工智能', '智能制造', '生物医药', '新能源', '跨境电商', '知识产权', '股权融资', '工业设计', '乡村振兴', '数字文创', '低空经济', '专精特新'];
const KIND_TITLES = { training: '创业培训', roadshow: '项目路演', competition: '创新创业大赛', salon: '创业沙龙', model_innovation: '经营模式创新交流会', other: '开放日' } as const;
const PARTNERS = ['市科技局', '高新区管委会', '本地天使投资协会', '市大学科技园', '省技术转移中心', '市创业投资引导基金'];

const array = (items: readonly string[]) => `array[${items.map((i) => `'${i}'`).join(',')}]`;
const catalogueRows = CATALOGUE.map(([kind, category, unit, price], i) => `(${i}, '${kind}', '${category}', '${unit}', ${price})`).join(', ');

/**
 * The service platform of issues 15 and 16 over the generated spaces: makers, each space's shared
 * resources with opening hours and rules, a year of their bookings, and events with sign-ups.
 * Reads only what earlier steps committed to the tables (spaces `sid('space:n')`, their operators'
 * admins), so it also runs on its own over a data set loaded before it existed. A fixed number of
 * statements whatever the size.
 *
 * Time is the load's own: the year of bookings and events runs from 300 days before the (Shanghai)
 * day of the load to 65 days after it, so searches by day find booked and free resources ahead and
 * the past holds the completed bookings and held events the statistics count. Nothing is placed on
 * the day of the load itself, where the auto-release job would find confirmed bookings past their grace.
 */
export async function seedPlatform(tx: Tx, size: ScaleSize, passwordHash: string): Promise<void> {
  const p = size.platform;
  const perResource = Math.floor(p.bookings / p.resources);
  const perEvent = Math.floor(p.signups / p.events);
  if (perEvent > p.makers) throw new Error('sizes: more sign-ups per event than makers (a maker signs up for an event once)');
  await tx.execute(sql`create temp table scale_pf_space on commit drop as
    select n as no, s.id, s.region_code, r.name as county_name, pg_temp.sid('user:operator:' || (n - n / 5) || ':admin') as staff_id
    from generate_series(1, ${size.spaces}) n join spaces s on s.id = pg_temp.sid('space:' || n) join regions r on r.code = s.region_code`);
  // Weekdays of the year, numbered; the load's own day left out (see above).
  await tx.execute(sql`create temp table scale_pf_day on commit drop as
    select (row_number() over (order by d) - 1)::int as idx, d::date as day, d::date < t.today as past
    from (select (now() at time zone 'Asia/Shanghai')::date as today) t
    cross join generate_series(t.today - 300, t.today + 64, interval '1 day') d
    where extract(isodow from d) < 6 and d::date <> t.today`);
  const [{ days }] = (await queryRows<{ days: number }>(tx, sql`select count(*)::int as days from scale_pf_day`)) as [{ days: number }];
  // One booking a day at most per resource: the exclusion constraint holds by construction.
  if (perResource > days) throw new Error(`sizes: ${perResource} bookings per resource do not fit ${days} weekdays`);

  // Makers (创客): individuals and teams across the generated spaces' counties, as self-registration makes them.
  await tx.execute(sql`insert into organisations (id, name, kind, region_code, created_at, updated_at)
    select pg_temp.sid('maker:' || m), case when m % 3 = 0 then pg_temp.pick('maker-team:' || m, ${sql.raw(array(THEMES))}) || '创客团队' || m else '创客' || m end,
      'maker_team', s.region_code, now() - interval '400 days', now() - interval '400 days'
    from generate_series(1, ${p.makers}) m join scale_pf_space s on s.no = (m - 1) % ${size.spaces} + 1`);
  await tx.execute(sql`insert into maker_profiles (org_id, maker_type, members, fields, affiliation, updated_at)
    select pg_temp.sid('maker:' || m), case when m % 3 = 0 then 'team' else 'individual' end, case when m % 3 = 0 then 2 + m % 5 else 1 end,
      '[]'::jsonb, case when m % 2 = 0 then '本地高校' end, now() - interval '400 days'
    from generate_series(1, ${p.makers}) m`);
  await tx.execute(sql`insert into users (id, username, display_name, password_hash, org_id, status, must_change_password, password_changed_at, created_at, updated_at)
    select pg_temp.sid('user:maker:' || m), 'mk' || m, '创客' || m, ${passwordHash}, pg_temp.sid('maker:' || m), 'active', false,
      now() - interval '400 days', now() - interval '400 days', now() - interval '400 days'
    from generate_series(1, ${p.makers}) m`);
  await tx.execute(sql`insert into user_roles (user_id, role) select pg_temp.sid('user:maker:' || m), 'maker' from generate_series(1, ${p.makers}) m`);

  // Resources round-robin over the spaces; half open weekdays 9–18, half Monday–Saturday 8:30–21.
  await tx.execute(sql`insert into booking_settings (space_id) select id from scale_pf_space`);
  await tx.execute(sql`create temp table scale_pf_resource on commit drop as
    select pg_temp.sid('resource:' || r) as id, r, s.id as space_id, s.staff_id, s.county_name, c.*, md5('resource:' || r) as h
    from generate_series(1, ${p.resources}) r join scale_pf_space s on s.no = (r - 1) % ${size.spaces} + 1
    join (values ${sql.raw(catalogueRows)}) c(ci, kind, category, unit, price) on c.ci = floor(pg_temp.u('resource-kind:' || r) * ${CATALOGUE.length})`);
  await tx.execute(sql`insert into booking_resources (id, space_id, kind, name, category, specs, location, description, fee_basis, fee_unit, price_fen,
      free_quota_hours, opening_hours, created_at, updated_at)
    select id, space_id, kind, (${sql.raw(array(BRANDS))})[1 + floor(${sql.raw(die('h', 1))} * ${BRANDS.length})::int] || ' ' || category || ' ' || chr(65 + r % 26) || (100 + r % 900),
      category, jsonb_build_object('型号', chr(65 + r % 26) || (100 + r % 900), '购置年份', (2015 + r % 10)::text), county_name || '创业大厦 ' || (1 + r % 12) || ' 层',
      '对本空间在孵企业和外部创客开放共享，按规则预约使用。', case when ${sql.raw(die('h', 9))} < 0.6 then 'non_profit' else 'cost_recovery' end, unit,
      round(price * (0.8 + 0.4 * ${sql.raw(die('h', 17))}))::int, case when unit = 'hour' and r % 2 = 0 then 10 else 0 end,
      case when ${sql.raw(die('h', 25))} < 0.5 then '[{"open":540,"close":1080},{"open":540,"close":1080},{"open":540,"close":1080},{"open":540,"close":1080},{"open":540,"close":1080},null,null]'::jsonb
        else '[{"open":510,"close":1260},{"open":510,"close":1260},{"open":510,"close":1260},{"open":510,"close":1260},{"open":510,"close":1260},{"open":510,"close":1260},null]'::jsonb end,
      now() - interval '400 days', now() - interval '400 days'
    from scale_pf_resource`);
  // Rules for the three groups: facilities need staff approval, a third of the equipment a qualification.
  await tx.execute(sql`insert into booking_rules (resource_id, user_group, window_days, notice_minutes, min_minutes, max_minutes, buffer_minutes,
      daily_cap_minutes, future_cap, needs_approval, requires_qualification)
    select x.id, g.grp, g.window_days, g.notice, 60, case when x.unit = 'day' then 540 else 240 end, case when x.kind = 'equipment' then 15 else 0 end,
      g.daily_cap, g.future_cap, x.kind = 'facility' and g.grp <> 'host_staff', x.kind = 'equipment' and x.r % 3 = 0 and g.grp <> 'host_staff'
    from scale_pf_resource x cross join (values ('own_incubatee', 70, 60, 480, 8), ('outside_maker', 70, 120, 240, 4), ('host_staff', 90, 0, 540, 20))
      g(grp, window_days, notice, daily_cap, future_cap)`);

  // A year of bookings: resource r's k-th on the weekday ⌊(k−1)·days/perResource⌋ + (r mod spacing), one a day,
  // 9:00–14:30 start, 1–3 hours (a day-priced one 9:00–17:00). Past ones mostly completed, some no-shows
  // and cancellations (strikes among them); ahead confirmed, or pending where staff approve.
  const spacing = Math.max(1, Math.floor(days / perResource));
  await tx.execute(sql`insert into bookings (id, resource_id, space_id, user_id, user_group, status, starts_at, ends_at, held, purpose, check_in_token,
      checked_in_at, checked_out_at, samples, used_minutes, free_minutes, charge_fen, decided_by, decided_at, cancelled_at, strike, reason, created_at)
    select pg_temp.sid('booking:' || x.r || ':' || k), x.id, x.space_id, b.user_id, b.grp, b.status, b.starts_at, b.ends_at,
      tstzrange(b.starts_at, b.ends_at + case when x.kind = 'equipment' then interval '15 minutes' else interval '0' end, '[)'),
      (array['样品试制', '产品测试', '课程实训', '客户演示', '研发验证'])[1 + k % 5], b.h,
      case when b.status = 'completed' then b.starts_at + interval '5 minutes' end, case when b.status = 'completed' then b.ends_at end,
      case when b.status = 'completed' and x.unit = 'sample' then 1 + k % 4 end, case when b.status = 'completed' then b.minutes end,
      case when b.status = 'completed' then 0 end,
      case when b.status = 'completed' then case x.unit when 'hour' then x.price * b.minutes / 60 when 'sample' then x.price * (1 + k % 4) else x.price end end,
      case when x.kind = 'facility' and b.status <> 'pending' and b.grp = 'outside_maker' then x.staff_id end,
      case when x.kind = 'facility' and b.status <> 'pending' and b.grp = 'outside_maker' then b.created_at + interval '2 hours' end,
      case when b.status = 'cancelled' then case when b.strike then b.starts_at - interval '3 hours' else b.created_at + interval '1 day' end end,
      b.strike, case when b.status = 'cancelled' then '计划调整' end, b.created_at
    from scale_pf_resource x cross join generate_series(1, ${perResource}) k
    join scale_pf_day d on d.idx = floor((k - 1) * ${days}::numeric / ${perResource}) + x.r % ${spacing}
    cross join lateral (select md5('booking:' || x.r || ':' || k) as h) hh
    cross join lateral (select hh.h, ${sql.raw(die('hh.h', 1))} as st, ${sql.raw(die('hh.h', 9))} as who,
      case when x.unit = 'day' then 540 else 540 + 30 * floor(${sql.raw(die('hh.h', 17))} * 12)::int end as start_min,
      case when x.unit = 'day' then 480 else 60 * (1 + floor(${sql.raw(die('hh.h', 25))} * 3)::int) end as minutes) v
    cross join lateral (select v.h, v.minutes,
      make_timestamptz(extract(year from d.day)::int, extract(month from d.day)::int, extract(day from d.day)::int, 0, 0, 0, 'Asia/Shanghai') + make_interval(mins => v.start_min) as starts_at,
      make_timestamptz(extract(year from d.day)::int, extract(month from d.day)::int, extract(day from d.day)::int, 0, 0, 0, 'Asia/Shanghai') + make_interval(mins => v.start_min + v.minutes) as ends_at,
      case when d.past then case when v.st < 0.82 then 'completed' when v.st < 0.87 then 'no_show' else 'cancelled' end
        else case when v.st < 0.05 then 'cancelled' when x.kind = 'facility' and v.who < 0.85 then 'pending' else 'confirmed' end end as status,
      d.past and (v.st >= 0.82 and v.st < 0.9) as strike,
      case when v.who < 0.85 then pg_temp.sid('user:maker:' || (1 + floor(v.who / 0.85 * ${p.makers})::int)) else x.staff_id end as user_id,
      case when v.who < 0.85 then 'outside_maker' else 'host_staff' end as grp,
      make_timestamptz(extract(year from d.day)::int, extract(month from d.day)::int, extract(day from d.day)::int, 10, 0, 0, 'Asia/Shanghai') - (1 + k % 14) * interval '1 day' as created_at0) b0
    cross join lateral (select b0.*, least(b0.created_at0, now() - interval '1 hour') as created_at) b`);

  // Events round-robin over the spaces, each on a day of the same year; held in the past (a few cancelled), published ahead (a few drafts).
  await tx.execute(sql`create temp table scale_pf_event on commit drop as
    select pg_temp.sid('event:' || e) as id, e, s.id as space_id, s.staff_id, s.county_name, v.*,
      v.starts_at < (now() at time zone 'Asia/Shanghai')::date::timestamp at time zone 'Asia/Shanghai' as past,
      -- Sign-up opens 60 days ahead, and at the latest three days before the load (its sign-ups came in before it).
      least(v.starts_at - interval '60 days', now() - interval '3 days') as opens_at
    from generate_series(1, ${p.events}) e join scale_pf_space s on s.no = (e - 1) % ${size.spaces} + 1
    cross join lateral (select md5('event:' || e) as h) hh
    cross join lateral (select hh.h,
      case when ${sql.raw(die('hh.h', 1))} < 0.3 then 'training' when ${sql.raw(die('hh.h', 1))} < 0.55 then 'salon' when ${sql.raw(die('hh.h', 1))} < 0.75 then 'roadshow'
        when ${sql.raw(die('hh.h', 1))} < 0.83 then 'competition' when ${sql.raw(die('hh.h', 1))} < 0.9 then 'model_innovation' else 'other' end as kind,
      case when ${sql.raw(die('hh.h', 9))} < 0.65 then 'host' when ${sql.raw(die('hh.h', 9))} < 0.85 then 'organiser' else 'joint' end as role,
      -- Half to three times the sign-ups each gets: a fifth of the events fill up and keep a waitlist.
      greatest(2, round(${perEvent} * (0.5 + 2.5 * ${sql.raw(die('hh.h', 17))})))::int as capacity,
      ${sql.raw(die('hh.h', 25))} as st,
      date_trunc('day', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai'
        + (floor(pg_temp.u('event-day:' || e) * 364)::int - 300 + case when floor(pg_temp.u('event-day:' || e) * 364)::int >= 300 then 1 else 0 end) * interval '1 day'
        + case when e % 2 = 0 then interval '14 hours' else interval '9 hours 30 minutes' end as starts_at) v`);
  await tx.execute(sql`insert into space_events (id, space_id, title, kind, role, partners, sub_field, description, place, online_url, starts_at, ends_at, capacity,
      signup_opens_at, signup_closes_at, needs_approval, status, summary, published_at, held_at, cancelled_at, created_by, created_at, updated_at)
    select id, space_id,
      (${sql.raw(array(THEMES))})[1 + e % ${THEMES.length}] || case kind ${sql.raw(Object.entries(KIND_TITLES).map(([k, t]) => `when '${k}' then '${t}'`).join(' '))} end || '（第' || (1 + e / ${size.spaces}) || '期）',
      kind, role, case when role = 'host' then '{}'::text[] else array[(${sql.raw(array(PARTNERS))})[1 + e % ${PARTNERS.length}]] end,
      (${sql.raw(array(THEMES))})[1 + e % ${THEMES.length}], '面向在孵企业和社会创客，邀请行业导师和投资人参与交流。',
      case when e % 5 = 0 then null else county_name || '创业大厦路演厅' end, case when e % 5 = 0 then 'https://live.example.cn/e/' || e end,
      starts_at, starts_at + interval '3 hours', capacity, opens_at, starts_at - interval '1 hour', st >= 0.9 and st < 0.95,
      case when past then case when st < 0.97 then 'held' else 'cancelled' end else case when st < 0.96 then 'published' else 'draft' end end,
      case when past and st < 0.97 then '活动如期举办，参与者就项目与导师、投资人深入交流。' end,
      case when past or st < 0.96 then opens_at end, case when past and st < 0.97 then starts_at + interval '3 hours' end,
      case when past and st >= 0.97 then starts_at - interval '2 days' end, staff_id, opens_at - interval '4 days', least(starts_at + interval '4 hours', now() - interval '1 hour')
    from scale_pf_event`);
  // Sign-ups: distinct makers per event; the first `capacity` take seats (pending where approval is needed),
  // the rest wait; after the event the unseated expired and four in five seated were checked in.
  await tx.execute(sql`insert into event_signups (id, event_id, user_id, status, token, checked_in_at, check_in_source, created_at, updated_at)
    select pg_temp.sid('signup:' || x.e || ':' || j), x.id, pg_temp.sid('user:maker:' || ((x.e - 1) * ${perEvent} + j - 1) % ${p.makers} + 1), s.status,
      md5('signup:' || x.e || ':' || j), case when s.status = 'confirmed' and x.past and j % 5 <> 0 then x.starts_at + interval '10 minutes' end,
      case when s.status = 'confirmed' and x.past and j % 5 <> 0 then case when j % 2 = 0 then 'scan' else 'desk' end end,
      x.opens_at + interval '1 day' + j * interval '1 hour', x.opens_at + interval '1 day' + j * interval '1 hour'
    from scale_pf_event x cross join generate_series(1, ${perEvent}) j
    cross join lateral (select case
      when x.past and x.st >= 0.97 then 'cancelled'
      when j % 12 = 0 then 'cancelled'
      when j > x.capacity then case when x.past then 'expired' else 'waitlisted' end
      when x.st >= 0.9 and x.st < 0.95 and not x.past then 'pending'
      else 'confirmed' end as status) s
    where not (not x.past and x.st >= 0.96)`);
  await tx.execute(sql`update space_events e set seats_taken = c.n
    from (select event_id, count(*)::int as n from event_signups where status in ('confirmed', 'offered') group by event_id) c
    where c.event_id = e.id and e.id in (select id from scale_pf_event)`);
}
