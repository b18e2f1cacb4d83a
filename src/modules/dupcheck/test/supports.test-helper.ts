import type { TestApp } from '../../../../test/helpers/app.ts';
import { usccCheckChar } from '../../../shared/validation/uscc.ts';

/**
 * Rows the duplicate checks read, written straight into the tables: the support register's service
 * is another module's work and the scan only reads its table. Spaces and organisations are the demo's.
 */

export const usccOf = (first17: string) => `${first17}${usccCheckChar(first17)}`;

export interface DemoSpace {
  id: string;
  regionCode: string;
  operatorUscc: string;
  hostUscc: string | null;
}

export async function demoSpaces(t: TestApp): Promise<DemoSpace[]> {
  return t.ctx.database.query<DemoSpace>(
    `select s.id, s.region_code as "regionCode", o.uscc as "operatorUscc",
            (select h.uscc from space_hosts sh join organisations h on h.id = sh.host_org_id where sh.space_id = s.id and h.uscc is not null limit 1) as "hostUscc"
       from spaces s join organisations o on o.id = s.operator_org_id where o.uscc is not null order by s.name`,
  );
}

export async function orgOf(t: TestApp, username: string): Promise<{ id: string; regionCode: string }> {
  const [r] = await t.ctx.database.query<{ id: string; regionCode: string }>(
    `select o.id, o.region_code as "regionCode" from users u join organisations o on o.id = u.org_id where u.username = $1`,
    [username],
  );
  return r!;
}

export interface SupportInput {
  grantor: { id: string; regionCode: string };
  space: DemoSpace;
  uscc?: string;
  role?: 'operator' | 'host' | 'incubatee';
  category?: string;
  title?: string;
  code?: string | null;
  from?: string;
  to?: string;
  invoices?: string[];
  contracts?: string[];
  area?: number | null;
  months?: number | null;
  amount?: number;
  grantedOn?: string;
  itemId?: string | null;
  status?: string;
}

export async function insertSupport(t: TestApp, s: SupportInput): Promise<string> {
  const [r] = await t.ctx.database.query<{ id: string }>(
    `insert into supports (grantor_org_id, grantor_region_code, support_item_id, category, beneficiary_uscc, beneficiary_name, beneficiary_role,
                           space_id, region_code, project_title, project_code, period_from, period_to, invoice_nos, contract_nos, area_m2, months,
                           amount_yuan, granted_on, status)
     values ($1, $2, $3, $4, $5, '受扶持单位', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) returning id`,
    [
      s.grantor.id,
      s.grantor.regionCode,
      s.itemId ?? null,
      s.category ?? 'rent',
      s.uscc ?? s.space.operatorUscc,
      s.role ?? 'operator',
      s.space.id,
      s.space.regionCode,
      s.title ?? '众创空间房租补贴',
      s.code ?? null,
      s.from ?? '2026-01-01',
      s.to ?? '2026-06-30',
      s.invoices ?? [],
      s.contracts ?? [],
      s.area ?? null,
      s.months ?? null,
      s.amount ?? 100_000,
      s.grantedOn ?? '2026-01-15',
      s.status ?? 'published',
    ],
  );
  return r!.id;
}

/** A published policy of the grantor with one support item (a cap in 万元 and its wording). */
export async function insertSupportItem(t: TestApp, grantor: { id: string; regionCode: string }, item: { category: string; title: string; capWan?: number | null; clause?: string | null }) {
  const [p] = await t.ctx.database.query<{ id: string }>(
    `insert into policies (title, issuer, level, region_code, authority_org_id, body, search_text, status)
     select $1, o.name, r.level, r.code, o.id, '<p>正文</p>', $1, 'published' from organisations o join regions r on r.code = $3 where o.id = $2 returning id`,
    [`${item.title}办法`, grantor.id, grantor.regionCode],
  );
  const [i] = await t.ctx.database.query<{ id: string }>(
    `insert into policy_support_items (policy_id, position, category, title, cap_wan, clause) values ($1, 1, $2, $3, $4, $5) returning id`,
    [p!.id, item.category, item.title, item.capWan ?? null, item.clause ?? null],
  );
  return i!.id;
}

/** An accepted annual statistics return of the space for `year` declaring `subsidyYuan` as 财政补贴. */
export async function insertAcceptedReturn(t: TestApp, authority: { id: string; regionCode: string }, space: DemoSpace, year: number, subsidyYuan: number): Promise<string> {
  const q = t.ctx.database.query.bind(t.ctx.database);
  const [call] = await q<{ id: string }>(
    `insert into calls (title, level, year, authority_org_id, region_code, opens_at, closes_at, eligible_categories, material_slots, kind, status)
     values ($1, 'province', $2, $3, $4, now() - interval '30 days', now() - interval '1 day', '[]', '[]', 'annual_return', 'published') returning id`,
    [`${year}年度统计报表`, year, authority.id, authority.regionCode],
  );
  const [cat] = await q<{ id: string }>(`select id from return_catalogues order by year desc limit 1`);
  await q(
    `insert into return_rounds (call_id, cadence, period, period_start, period_end, catalogue_id) values ($1, 'annual', $2, $3, $4, $5)`,
    [call!.id, String(year), `${year}-01-01T00:00:00+08:00`, `${year + 1}-01-01T00:00:00+08:00`, cat!.id],
  );
  const [app] = await q<{ id: string }>(
    `insert into applications (call_id, space_id, operator_org_id, kind, status) select $1, s.id, s.operator_org_id, 'annual_return', 'filed' from spaces s where s.id = $2 returning id`,
    [call!.id, space.id],
  );
  await q(`insert into return_values (submission_id, call_id, space_id, values, accepted_at) values ($1, $2, $3, $4, now())`, [
    app!.id,
    call!.id,
    space.id,
    JSON.stringify({ income_subsidy: subsidyYuan, total_income: subsidyYuan * 4 }),
  ]);
  return app!.id;
}

/** Sets the floor area the space's latest active filing's dossier states (D3 weighs supports against it); false when the space holds no active filing. */
export async function setFiledArea(t: TestApp, space: DemoSpace, floorAreaM2: number): Promise<boolean> {
  const rows = await t.ctx.database.query<{ id: string }>(
    `update applications a set basic_info = a.basic_info || jsonb_build_object('floorAreaM2', $2::numeric)
      where a.id = (select f.application_id from filings f where f.space_id = $1 and f.status = 'active' order by f.filed_at desc, f.id limit 1)
      returning a.id`,
    [space.id, floorAreaM2],
  );
  return rows.length === 1;
}
