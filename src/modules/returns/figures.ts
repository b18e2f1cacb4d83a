import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, fieldError, notFound } from '../../shared/errors.ts';
import { NUMERIC_TYPES } from './catalogue-types.ts';
import { findCatalogue } from './catalogues.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';
import { toDisplay } from './rules.ts';

/**
 * One indicator of a round's accepted returns within the actor's jurisdiction, summed by region in
 * the catalogue's unit (money in 千元): what the round's chart draws, with the unit on its axis.
 * Without `code`, the catalogue's first key indicator. Three statements whatever the round's size.
 */
export async function roundFigures(db: DbOrTx, actor: Actor, callId: string, code: string | undefined) {
  if (!can(actor, 'return.read_rounds')) throw new AppError('FORBIDDEN');
  const jurisdiction = actor.jurisdictionPath!;
  const round = await repo.findRoundInLine(db, callId, jurisdiction);
  if (!round) throw notFound({ zh: '填报轮次不存在', en: 'No such reporting round' });
  const catalogue = (await findCatalogue(db, round.catalogueId))!;
  const numeric = catalogue.definition.indicators.filter((i) => NUMERIC_TYPES.includes(i.type));
  const indicator = code === undefined ? (numeric.find((i) => i.key) ?? numeric[0]!) : numeric.find((i) => i.code === code);
  if (!indicator) throw fieldError('querystring.code', `“${code}”不是本轮指标目录的数值指标`, `"${code}" is not a numeric indicator of this round's catalogue`);
  const rows = await repo.sumsByRegion(db, callId, jurisdiction, indicator.code);
  const shown = (total: string | null) => (total === null ? null : +toDisplay(indicator, Number(total)).toFixed(3));
  return {
    indicator: { code: indicator.code, label: indicator.label, labelEn: indicator.labelEn, unit: indicator.unit! },
    indicators: numeric.map((i) => ({ code: i.code, label: i.label, labelEn: i.labelEn, unit: i.unit! })),
    items: rows.map((r) => ({ regionCode: r.regionCode, regionName: r.regionName, returns: r.returns, reported: r.reported, total: shown(r.total) })),
  };
}
