import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { CHAINS } from '../../shared/chains.ts';
import { CHAIN_OF_LEVEL, chainSteps, closingAction, planCareers, planWorklist, WORKLIST_CHAIN } from './plan.ts';
import type { ScaleSize } from './sizes.ts';

/** The user, account name and organisation of whoever takes a step (plan.ts `StepActor`), from the step's actor and the space's regions. */
const ACTOR_REGION = sql.raw(`case e.actor when 'county' then a.county_code when 'city' then a.city_code when 'province' then a.province_code when 'national' then '000000' when 'intake' then a.province_code end`);

/**
 * The plan (plan.ts) as temp tables: `scale_app`, one row per application with its space, call and
 * creation time; `scale_event`, its history: the happy-path steps it took (times accumulating a few
 * days a step) and the closing reject or return, each with the account that took it. The worklist
 * call's applications (`w`) are planned and written the same way.
 */
export async function planTables(tx: Tx, size: ScaleSize): Promise<void> {
  const steps = [...Object.values(CHAIN_OF_LEVEL).flatMap((c) => chainSteps(c)), ...chainSteps(WORKLIST_CHAIN.key, WORKLIST_CHAIN.stages)];
  const careers = planCareers(size.spaces, size.years).map((p) => {
    const chain = CHAIN_OF_LEVEL[p.level];
    const at = chainSteps(chain)[p.steps - 1]!;
    return { s: p.space, l: p.level, c: chain, y: p.year, k: p.steps, e: p.ending, x: at.toStage ? closingAction(chain, at.toStage, at.toStatus, p.ending) : null, w: false };
  });
  // Waiting applications have no closing event.
  const worklist = planWorklist(size).map((p) => ({ s: p.space, l: p.level, c: WORKLIST_CHAIN.key, y: p.year, k: p.steps, e: p.ending, x: null, w: true }));
  const plan = [...careers, ...worklist].map((p, i) => ({ no: i + 1, ...p }));
  await tx.execute(sql`create temp table scale_step on commit drop as
    select * from json_to_recordset(${JSON.stringify(steps)}::json)
      as x(chain text, n int, action text, "fromStatus" text, "toStatus" text, stage text, "toStage" text, "dueDays" int, actor text)`);
  await tx.execute(sql`create temp table scale_app on commit drop as
    select p.no::int, pg_temp.sid('app:' || p.no) as id, p.s as space_no, p.l as level, p.c as chain, p.y as year, p.k as steps, p.e as ending, p.x as closing,
      sp.operator_no, sp.county_code, sp.county_name, sp.city_code, sp.province_code, c.id as call_id,
      -- Created in the call's first six weeks.
      c.opens_at + pg_temp.u('created:' || p.no) * interval '40 days' as created_at
    from json_to_recordset(${JSON.stringify(plan)}::json) as p(no int, s int, l text, c text, y int, k int, e text, x text, w boolean)
    join scale_space sp on sp.no = p.s
    join calls c on c.id = case when p.w then pg_temp.sid('call:worklist')
      else pg_temp.sid('call:' || p.l || ':' || case p.l when 'city' then sp.city_code when 'province' then sp.province_code else '000000' end || ':' || p.y) end`);
  // Submission within three weeks of creation; then a stage every 5–15 days (3–8 in the last year,
  // whose calls opened in July, so nothing lies in the future).
  await tx.execute(sql`create temp table scale_event on commit drop as
    with happy as (
      select a.no, a.id as app_id, s.n, s.action, s."fromStatus" as from_status, s."toStatus" as to_status, s.stage, s."toStage" as to_stage, s."dueDays" as due_days, s.actor,
        a.created_at + sum(case when s.n = 1 then 0 when s.n = 2 then 3 + 17 * pg_temp.u('gap:' || a.no || ':2')
          when a.year = ${size.years - 1} then 3 + 5 * pg_temp.u('gap:' || a.no || ':' || s.n) else 5 + 10 * pg_temp.u('gap:' || a.no || ':' || s.n) end)
          over (partition by a.no order by s.n) * interval '1 day' as at
      from scale_app a join scale_step s on s.chain = a.chain and s.n <= a.steps
    ),
    closing as (
      select a.no, a.id as app_id, a.steps + 1 as n, a.closing as action, h.to_status as from_status,
        case when a.closing = 'review.return' then 'returned' else 'rejected' end as to_status, h.to_stage as stage, h.to_stage, null::int as due_days,
        (select s.actor from scale_step s where s.chain = a.chain and s.stage = h.to_stage limit 1) as actor,
        h.at + (2 + 8 * pg_temp.u('gap:' || a.no || ':close')) * interval '1 day' as at
      from scale_app a join happy h on h.no = a.no and h.n = a.steps
      where a.closing is not null
    )
    select e.*, case when e.actor = 'operator' then pg_temp.sid('user:operator:' || a.operator_no || ':admin')
        else pg_temp.sid('user:' || ${ACTOR_REGION} || case e.actor when 'intake' then ':intake' else ':reviewer' end) end as user_id,
      case when e.actor = 'operator' then 'op' || a.operator_no || '_admin' when e.actor = 'intake' then 'i' || a.province_code else 'a' || ${ACTOR_REGION} || '_reviewer' end as username,
      case when e.actor = 'operator' then pg_temp.sid('operator:' || a.operator_no) when e.actor = 'intake' then pg_temp.sid('intake:' || a.province_code)
        else pg_temp.sid('authority:' || ${ACTOR_REGION}) end as org_id
    from (select * from happy union all select * from closing) e join scale_app a on a.no = e.no`);
  await tx.execute(sql.raw('create index on scale_event (no, n)'));
}

/**
 * The applications with the state their last event left, then their history. Stage columns follow
 * `transitionInTx`: the stage entered by the last happy-path step, its due date while the application
 * is being worked, a resubmission date when returned; round 1 once submitted.
 */
export async function seedApplications(tx: Tx): Promise<void> {
  await tx.execute(sql`insert into applications (id, call_id, space_id, operator_org_id, kind, status, basic_info, revision, created_by, created_at, updated_at,
      submitted_at, stage_key, stage_entered_at, stage_due_at, resubmit_due_at, round)
    select a.id, a.call_id, pg_temp.sid('space:' || a.space_no), pg_temp.sid('operator:' || a.operator_no), 'filing', coalesce(cl.to_status, lh.to_status),
      jsonb_build_object('spaceName', s.name, 'foundedOn', s.founded_on, 'floorAreaM2', 500 + (a.space_no * 37) % 4500,
        'publicServiceAreaM2', 150 + (a.space_no * 13) % 900, 'mentors', 3 + a.space_no % 25, 'teamTotal', 5 + a.space_no % 40,
        'residentProjects', 8 + a.space_no % 60, 'residentEnterprises', 5 + a.space_no % 45, 'eventsHeld', 10 + a.space_no % 50),
      a.steps, pg_temp.sid('user:operator:' || a.operator_no || ':admin'), a.created_at, coalesce(cl.at, lh.at),
      sb.at, lh.to_stage, case when lh.to_stage is not null then lh.at end,
      case when coalesce(cl.to_status, lh.to_status) in ('submitted', 'in_review') and lh.due_days is not null then lh.at + lh.due_days * interval '1 day' end,
      case when cl.to_status = 'returned' then cl.at + interval '15 days' end,
      case when a.steps >= 2 then 1 else 0 end
    from scale_app a
    join spaces s on s.id = pg_temp.sid('space:' || a.space_no)
    join scale_event lh on lh.no = a.no and lh.n = a.steps
    left join scale_event cl on cl.no = a.no and cl.n = a.steps + 1
    left join scale_event sb on sb.no = a.no and sb.n = 2`);
  // detail as transitionInTx writes it: the stage left, and the stage entered when the step enters one.
  await tx.execute(sql`insert into application_events (id, application_id, at, actor_user_id, action, from_status, to_status, note, detail)
    select pg_temp.sid('event:' || no || ':' || n), app_id, at, user_id, action, from_status, to_status,
      case action when 'review.return' then '请补充场地证明并核实创业导师人数' when 'review.reject' then '不符合备案条件：入驻团队数量与服务能力未达到要求'
        when 'decision.reject' then '综合评审排名靠后，本年度不予备案' when 'block' then '公示期间异议经核实成立' end,
      case when n = 1 then null else jsonb_build_object('stage', stage) || case when to_stage is distinct from stage then jsonb_build_object('toStage', to_stage) else '{}'::jsonb end end
    from scale_event`);
}

/**
 * The call's material slots filled (half of them for drafts): one stored-file row and one
 * attachment each. Only metadata: the bytes were never written, so the `scale-` storage names exist
 * nowhere under the data dir (see README: downloading one fails).
 */
export async function seedAttachments(tx: Tx): Promise<void> {
  await tx.execute(sql`create temp table scale_file on commit drop as
    select pg_temp.sid('file:' || a.no || ':' || sl.k) as id, a.id as app_id, a.no, sl.slot->>'key' as slot_key, (sl.slot->>'name') || '.pdf' as file_name,
      (100000 + pg_temp.u('size:' || a.no || ':' || sl.k) * 2900000)::int as size_bytes,
      md5('a:' || a.no || ':' || sl.k) || md5('b:' || a.no || ':' || sl.k) as sha256,
      pg_temp.sid('user:operator:' || a.operator_no || ':admin') as user_id, 'op' || a.operator_no || '_admin' as username,
      pg_temp.sid('operator:' || a.operator_no) as org_id, a.created_at + sl.k * interval '2 hours' as at
    from scale_app a join calls c on c.id = a.call_id
    cross join lateral jsonb_array_elements(c.material_slots) with ordinality as sl(slot, k)
    where a.steps > 1 or sl.k <= 4`);
  await tx.execute(sql`insert into files (id, original_name, kind, mime_type, size_bytes, sha256, storage_name, uploaded_by, owner_org_id, created_at)
    select id, file_name, 'pdf', 'application/pdf', size_bytes, sha256, 'scale-' || id, user_id, org_id, at from scale_file`);
  await tx.execute(sql`insert into application_attachments (id, application_id, slot_key, file_id, file_name, size_bytes, sha256, added_by, added_by_name, added_at)
    select pg_temp.sid('attachment:' || f.no || ':' || f.slot_key), f.app_id, f.slot_key, f.id, f.file_name, f.size_bytes, f.sha256, f.user_id, u.display_name, f.at
    from scale_file f join users u on u.id = f.user_id`);
}

/** Every notice stage of the chains used (the provincial chain's city notice and the worklist call's national notice, as of today). */
const NOTICE_STAGES = [...Object.values(CHAIN_OF_LEVEL).flatMap((c) => CHAINS[c].stages), ...WORKLIST_CHAIN.stages].filter((s) => s.kind === 'notice').map((s) => s.key);

/**
 * 公示: one notice per call, notice stage and publishing authority (the city's for a city notice,
 * the ministry's for a national one), holding the applications that were put on it; an entry is
 * cleared once the application moved on, blocked when the notice ended it, pending while it runs.
 * Concluded when no entry is pending.
 */
export async function seedNotices(tx: Tx): Promise<void> {
  await tx.execute(sql`create temp table scale_notice_entry on commit drop as
    select pg_temp.sid('notice:' || a.call_id || ':' || e.stage || ':' || ${ACTOR_REGION}) as notice_id, a.call_id, e.stage, ${ACTOR_REGION} as authority_region, a.id as app_id, a.no, a.space_no, a.operator_no,
      a.county_name, e.at as opened_at,
      case when exists (select 1 from scale_event x where x.no = a.no and x.stage = e.stage and x.action = 'advance') then 'cleared'
        when exists (select 1 from scale_event x where x.no = a.no and x.action = 'block') then 'blocked' else 'pending' end as outcome,
      (select max(x.at) from scale_event x where x.no = a.no and x.stage = e.stage and x.action in ('advance', 'block')) as closed_at
    from scale_event e join scale_app a on a.no = e.no
    where e.action = 'open_notice' and e.stage = any(string_to_array(${NOTICE_STAGES.join(',')}, ','))`);
  await tx.execute(sql`insert into public_notices (id, authority_org_id, call_id, stage_key, title, body, starts_at, ends_at, status, created_by, published_at, concluded_at)
    select n.notice_id, pg_temp.sid('authority:' || n.authority_region), n.call_id, n.stage, case when r.level = 'national' then c.year || '年国家级众创空间备案公示' else c.year || '年' || r.name || '省级众创空间备案推荐名单公示' end,
      case when r.level = 'national' then '经审核，以下众创空间符合国家级备案条件，拟予备案，现予公示。公示期间如有异议，请以实名书面形式向科技部反映。'
        else '经审查，以下众创空间符合备案条件，拟推荐申报省级众创空间备案，现予公示。公示期间如有异议，请以实名书面形式向市科技局反映。' end,
      n.starts_at, n.starts_at + interval '7 days', case when n.pending then 'published' else 'concluded' end,
      pg_temp.sid('user:' || n.authority_region || ':admin'), n.starts_at, case when not n.pending then n.closed_at end
    from (select notice_id, call_id, stage, authority_region, min(opened_at) as starts_at, max(closed_at) as closed_at, bool_or(outcome = 'pending') as pending
      from scale_notice_entry group by notice_id, call_id, stage, authority_region) n
    join calls c on c.id = n.call_id join scale_region r on r.code = n.authority_region`);
  await tx.execute(sql`insert into notice_entries (id, notice_id, application_id, position, space_name, operator_name, region_name, outcome)
    select pg_temp.sid('notice-entry:' || e.no), e.notice_id, e.app_id, row_number() over (partition by e.notice_id order by e.no), s.name, o.name, e.county_name, e.outcome
    from scale_notice_entry e join spaces s on s.id = pg_temp.sid('space:' || e.space_no) join organisations o on o.id = pg_temp.sid('operator:' || e.operator_no)`);
}

/**
 * Decisions at the chains' decision stages, released together per call and stage as the published
 * list (备案名单, with 文号 and date; the last stage of each chain used files), its entries for the
 * approvals, and the filings those give the spaces. Of the worklist call's applications waiting at
 * its decision stage, three in five carry a pending decision (recorded, not yet released), as
 * a release of "all" finds them.
 */
export async function seedDecisionsAndFilings(tx: Tx): Promise<void> {
  await tx.execute(sql`create temp table scale_decision on commit drop as
    select pg_temp.sid('decision:' || e.no || ':' || e.stage) as id, e.no, e.app_id, a.call_id, a.space_no, a.operator_no, a.county_name, e.stage,
      case e.action when 'decision.approve' then 'approve' else 'reject' end as outcome, e.user_id, e.at,
      pg_temp.sid('list:' || a.call_id || ':' || e.stage) as list_id
    from scale_event e join scale_app a on a.no = e.no where e.action in ('decision.approve', 'decision.reject')`);
  await tx.execute(sql`insert into filing_lists (id, call_id, stage_key, authority_org_id, kind, level, title, document_number, issued_on, published_by, published_at)
    select l.list_id, l.call_id, l.stage, c.authority_org_id, 'filing', c.level, c.year || '年' || r.name || '众创空间备案名单',
      case c.level when 'national' then '国科火字' when 'province' then '科厅备字' else '科局备字' end || '〔' || c.year || '〕' || (10 + row_number() over (partition by c.year order by l.list_id)) || '号',
      (l.published_at at time zone 'Asia/Shanghai')::date, pg_temp.sid('user:' || c.region_code || ':admin'), l.published_at
    from (select list_id, call_id, stage, max(at) as published_at from scale_decision group by list_id, call_id, stage) l
    join calls c on c.id = l.call_id join scale_region r on r.code = c.region_code`);
  await tx.execute(sql`insert into decisions (id, application_id, stage_key, outcome, reason, checklist, status, list_id, decided_by, decided_at, released_at)
    select d.id, d.app_id, d.stage, d.outcome, case d.outcome when 'approve' then '经评审，符合备案条件，同意备案' else '综合评审排名靠后，本年度不予备案' end,
      jsonb_build_array(jsonb_build_object('key', 'decision_basis', 'verdict', 'ok', 'note', '依据评审意见与公示结果')), 'released', d.list_id, d.user_id,
      d.at - interval '1 day', l.published_at
    from scale_decision d join filing_lists l on l.id = d.list_id`);
  await tx.execute(sql`insert into filing_list_entries (id, list_id, application_id, space_id, space_name, operator_name, region_name, status)
    select pg_temp.sid('list-entry:' || d.no), d.list_id, d.app_id, s.id, s.name, o.name, d.county_name, 'listed'
    from scale_decision d join spaces s on s.id = pg_temp.sid('space:' || d.space_no) join organisations o on o.id = pg_temp.sid('operator:' || d.operator_no)
    where d.outcome = 'approve'`);
  await tx.execute(sql`create temp table scale_pending_decision on commit drop as
    select pg_temp.sid('pending-decision:' || a.no) as id, a.no, a.id as app_id, x.stage_key, x.stage_entered_at + interval '2 days' as at,
      case when pg_temp.u('outcome:' || a.no) < 0.8 then 'approve' else 'reject' end as outcome,
      pg_temp.sid('user:000000:reviewer') as user_id, 'a000000_reviewer' as username, pg_temp.sid('authority:000000') as org_id
    from scale_app a join applications x on x.id = a.id
    where a.call_id = pg_temp.sid('call:worklist') and x.status = 'in_review' and x.stage_key = 'national_decision' and a.no % 5 < 3`);
  await tx.execute(sql`insert into decisions (id, application_id, stage_key, outcome, reason, checklist, status, decided_by, decided_at)
    select id, app_id, stage_key, outcome, case outcome when 'approve' then '经审核并公示无异议，符合国家级备案条件' else '综合评审排名靠后，本年度不予备案' end,
      jsonb_build_array(jsonb_build_object('key', 'decision_basis', 'verdict', 'ok', 'note', '依据审核意见与公示结果')), 'pending', user_id, at
    from scale_pending_decision`);
  await tx.execute(sql`insert into filings (id, space_id, level, application_id, list_id, filed_at, status)
    select pg_temp.sid('filing:' || d.no), pg_temp.sid('space:' || d.space_no), c.level, d.app_id, d.list_id, l.published_at, 'active'
    from scale_decision d join calls c on c.id = d.call_id join filing_lists l on l.id = d.list_id where d.outcome = 'approve'`);
}
