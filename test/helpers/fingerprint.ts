import type { Database } from '../../src/db/client.ts';

/**
 * A digest of the identity state an admin action could change (accounts, roles, organisations,
 * live sessions, audit rows), so "refused and nothing changed" is one equality.
 */
export async function identityFingerprint(database: Database): Promise<Record<string, unknown>> {
  const [row] = await database.query(`
    select
      -- A refusal is audited (access.denied) but changes nothing else.
      (select count(*)::int from audit_log where action <> 'access.denied') as audit_rows,
      (select count(*)::int from sessions where revoked_at is null) as live_sessions,
      (select md5(coalesce(string_agg(concat_ws('|', id, username, status, locked_until, failed_login_count, must_change_password, totp_secret, totp_last_step), ',' order by id), '')) from users) as users,
      (select md5(coalesce(string_agg(concat_ws('|', user_id, role), ',' order by user_id, role), '')) from user_roles) as roles,
      (select md5(coalesce(string_agg(concat_ws('|', id, name, status, uscc), ',' order by id), '')) from organisations) as organisations
  `);
  return row!;
}

/**
 * `identityFingerprint` plus a digest of every registry table (profiles, host links, spaces, their
 * hosts, calls, credit records): whole rows, so any changed column shows.
 */
export async function registryFingerprint(database: Database): Promise<Record<string, unknown>> {
  const digest = (table: string) => `(select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) from ${table} t) as ${table}`;
  const tables = ['org_profiles', 'maker_profiles', 'operator_hosts', 'spaces', 'space_hosts', 'calls', 'credit_records'];
  const [row] = await database.query(`select ${tables.map(digest).join(', ')}`);
  return { ...(await identityFingerprint(database)), ...row };
}
