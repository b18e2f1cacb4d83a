import type { Tx } from '../../db/client.ts';
import type { AuditContext } from '../../shared/audit-context.ts';
import type { CallLevel } from '../../shared/domain.ts';
import { AppError } from '../../shared/errors.ts';
import * as repo from './repository.ts';
import { STANDING_UNTIL_ISO } from './schema.ts';
import { insertCallInTx } from './service.ts';

const STANDING_UNTIL = new Date(STANDING_UNTIL_ISO);

interface StandingCallCommon {
  /** The kind of submission, also the shipped chain's key (a province's clone is `<kind>_<province code>`). */
  kind: string;
  /** The shipped chain's key when it is not the kind's (a city's revocations run on `revocation_city`); a clone's is `<chainKey>_<region code>`. */
  chainKey?: string;
  /** The call's title after the province authority's name ("众创空间变更报告"). */
  titleSuffix: string;
  description: string;
  /** The year the call is counted in (the Shanghai year of its opening). */
  year: number;
}

export type StandingCallOf = StandingCallCommon &
  (
    | {
        provinceCode: string;
        /**
         * A city's standing call instead of its province's (a city-level title is the city's to cancel):
         * the city's region code; its authority is the city bureau, its chain `chainKey`'s lineage.
         */
        cityCode?: string;
      }
    | {
        /**
         * The standing call of one organisation in its own region instead of the province's or city's
         * S&T department (a department disclosing the supports it grants: a county, the ministry, a
         * high-tech zone committee): the call sits in `regionCode` at `level`, run by that
         * organisation, its title starting with `name`.
         */
        holder: { orgId: string; name: string; regionCode: string; level: CallLevel };
      }
  );

/**
 * The province's (or, with `cityCode`, a city's; with `holder`, one organisation's) standing call of
 * a kind without rounds or windows (change reports, revocations, support disclosures), opened on first use under an advisory lock: one published call per province (or city, or holder) pinning the chain the
 * kind's submissions run on — the newest published version of the province's own lineage
 * (`<kind>_<province code>`, the default key of a clone), else of the shipped one. When the province
 * publishes a new chain version, the next submission opens a new standing call pinning it;
 * submissions in flight keep theirs.
 */
export async function standingCallInTx(tx: Tx, ctx: AuditContext, of: StandingCallOf): Promise<string> {
  const code = 'holder' in of ? of.holder.regionCode : (of.cityCode ?? of.provinceCode);
  const level: CallLevel = 'holder' in of ? of.holder.level : of.cityCode ? 'city' : 'province';
  const chainKey = of.chainKey ?? of.kind;
  // A holder's call is its own: another grantor sharing its region and chain (two high-tech zone committees in one city) has another.
  const holderOrgId = 'holder' in of ? of.holder.orgId : undefined;
  await repo.lockStanding(tx, of.kind, code, holderOrgId);
  const chain = await repo.standingChainFor(tx, chainKey, code);
  if (!chain) throw new Error(`the shipped ${chainKey} chain is not loaded`);
  const existing = await repo.standingCall(tx, of.kind, code, chain, holderOrgId);
  if (existing) return existing;
  const authority = 'holder' in of ? { id: of.holder.orgId, name: of.holder.name } : await repo.provinceAuthority(tx, code, of.cityCode ? 'city' : 'province');
  if (!authority)
    throw new AppError('STATE_CONFLICT', level === 'city' ? { zh: '所在城市尚无科技主管部门账号，暂不能办理', en: 'The city has no S&T department on the platform yet' } : { zh: '所在省份尚无科技主管部门账号，暂不能办理', en: 'The province has no S&T department on the platform yet' });
  const now = new Date();
  const call = await insertCallInTx(tx, ctx, {
    kind: of.kind,
    title: `${authority.name}${of.titleSuffix}`,
    level,
    year: of.year,
    authorityOrgId: authority.id,
    regionCode: code,
    opensAt: now,
    closesAt: STANDING_UNTIL,
    eligibleCategories: ['regular', 'professional'],
    materialSlots: [],
    chainId: chain,
    description: of.description,
    status: 'published',
    publishedAt: now,
  });
  return call.id;
}
