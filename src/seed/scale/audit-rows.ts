import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { LAST_YEAR, type ScaleSize } from './sizes.ts';

/**
 * The audit rows the history would have left, appended unsealed in time order (so ids, and the seal
 * order that follows them, run with time): one per application event with the action
 * `transitionInTx` records, one `decision.record` per pending decision, one `file.upload` per stored
 * file, and sign-ins spread over the years.
 * The insert trigger accepts only unsealed rows; `seedScale` seals them after commit through the
 * audit module, so the chain's MACs are the sealer's own.
 */
export async function seedAuditRows(tx: Tx, size: ScaleSize): Promise<void> {
  await tx.execute(sql`create temp table scale_signer on commit drop as
    select row_number() over (order by username)::int as k, id, username, org_id from users
    where id in (select pg_temp.sid('user:operator:' || no || ':admin') from scale_operator union all select pg_temp.sid('user:' || code || ':reviewer') from scale_region)`);
  const ip = (key: string) => sql.raw(`'10.' || (${key} % 200 + 20) || '.' || (${key} / 200 % 250) || '.' || (${key} % 251 + 1)`);
  await tx.execute(sql`insert into audit_log (at, actor_user_id, actor_username, actor_org_id, action, object_type, object_id, result, ip, detail)
    select at, user_id, username, org_id, action, object_type, object_id, 'success', ip, detail from (
      select e.at, e.user_id, e.username, e.org_id,
        case when e.action in ('create', 'submit', 'advance', 'open_notice', 'block') then 'application.' || e.action else e.action end as action,
        'application' as object_type, e.app_id::text as object_id, ${ip('e.no')} as ip,
        case when e.n = 1 then jsonb_build_object('to', 'draft')
          else jsonb_build_object('from', e.from_status, 'to', e.to_status, 'stage', e.stage) || case when e.to_stage is distinct from e.stage then jsonb_build_object('toStage', e.to_stage) else '{}'::jsonb end end as detail
      from scale_event e
      union all
      select d.at, d.user_id, d.username, d.org_id, 'decision.record', 'decision', d.id::text, ${ip('d.no')},
        jsonb_build_object('applicationId', d.app_id, 'stage', d.stage_key, 'outcome', d.outcome)
      from scale_pending_decision d
      union all
      select f.at, f.user_id, f.username, f.org_id, 'file.upload', 'file', f.id::text, ${ip('f.no')},
        jsonb_build_object('kind', 'pdf', 'sizeBytes', f.size_bytes, 'sha256', f.sha256)
      from scale_file f
      union all
      select make_timestamptz(${LAST_YEAR - size.years + 1}, 1, 1, 0, 0, 0, 'Asia/Shanghai') + pg_temp.u('login:' || g) * (${size.years} * 365 - 40) * interval '1 day',
        s.id, s.username, s.org_id, 'auth.login', 'user', s.id::text, ${ip('s.k')}, null
      from generate_series(1, ${size.signIns}) g
      join scale_signer s on s.k = 1 + floor(pg_temp.u('signer:' || g) * (select count(*) from scale_signer))::int
    ) rows
    order by at`);
}
