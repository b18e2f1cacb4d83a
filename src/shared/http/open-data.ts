import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { bi } from '../i18n-errors.ts';

/** The `format` query of every open-data export. */
export const OpenDataFormat = { format: z.enum(['csv', 'json'], bi('格式应为 csv 或 json', 'format must be csv or json')).describe('csv: UTF-8 with BOM (WPS, Excel); json') };

/**
 * Sends an open-data export (004 §四.十四 公开透明): JSON with the time it was generated and the
 * count, or the CSV the caller built (UTF-8 with BOM), as `<name>-<day>.json|csv`.
 */
export function sendOpenData<T>(reply: FastifyReply, out: { name: string; day: string; format: 'csv' | 'json'; items: readonly T[]; csv: (items: readonly T[]) => Buffer }) {
  if (out.format === 'json') {
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${out.name}-${out.day}.json"`)
      .send(JSON.stringify({ generatedAt: new Date().toISOString(), total: out.items.length, items: out.items }));
  }
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${out.name}-${out.day}.csv"`)
    .header('x-content-type-options', 'nosniff')
    .send(out.csv(out.items));
}
