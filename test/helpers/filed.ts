import type { TestApp } from './app.ts';

/**
 * Files a demo space at `level` on a new published list of a demo filing call: the rows the filing
 * chain would leave (application, list, list entry, filing), for tests of what filed spaces show.
 */
export async function fileSpace(t: TestApp, spaceId: string, level: 'city' | 'province' | 'national' = 'province'): Promise<void> {
  const db = t.ctx.database;
  const [call] = await db.query<{ id: string; authority_org_id: string }>(`select id, authority_org_id from calls where kind = 'filing' and level = $1 order by title limit 1`, [level]);
  const [space] = await db.query<{ operator_org_id: string }>(`select operator_org_id from spaces where id = $1`, [spaceId]);
  const [app] = await db.query<{ id: string }>(
    `insert into applications (call_id, space_id, operator_org_id, kind, status, report) values ($1, $2, $3, 'filing', 'filed', '{}') returning id`,
    [call!.id, spaceId, space!.operator_org_id],
  );
  const [list] = await db.query<{ id: string }>(
    `insert into filing_lists (call_id, stage_key, authority_org_id, kind, level, title, document_number, issued_on)
     values ($1, 'decision', $2, 'filing', $3, '2026 年度众创空间备案名单', '测科〔2026〕9号', '2026-06-30') returning id`,
    [call!.id, call!.authority_org_id, level],
  );
  await db.query(
    `insert into filing_list_entries (list_id, application_id, space_id, space_name, operator_name, region_name) select $1, $2, s.id, s.name, o.name, r.name
     from spaces s join organisations o on o.id = s.operator_org_id join regions r on r.code = s.region_code where s.id = $3`,
    [list!.id, app!.id, spaceId],
  );
  await db.query(`insert into filings (space_id, level, application_id, list_id) values ($1, $2, $3, $4)`, [spaceId, level, app!.id, list!.id]);
}
