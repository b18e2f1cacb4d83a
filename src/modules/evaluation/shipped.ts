import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { REGULAR_TYPES, SPACE_CATEGORIES } from '../../shared/domain.ts';
import { numericCodesOf, SHIPPED_CATALOGUES } from '../returns/index.ts';
import { inconsistencies, SchemeDefinition } from './scheme.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schemes');

/** A shipped scheme: which jurisdiction, year and category of space it grades, and its definition. */
export const ShippedScheme = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  regionCode: z.string().regex(/^\d{6}$/),
  year: z.number().int().min(2015).max(2100),
  category: z.enum(SPACE_CATEGORIES),
  /** The regular types it grades (all three when absent). */
  types: z.array(z.enum(REGULAR_TYPES)).optional(),
  definition: SchemeDefinition,
});
export type ShippedScheme = z.infer<typeof ShippedScheme>;

/** The numeric indicators of the shipped catalogue of a survey year: what a scheme of that year may read from a return. */
function returnCodesOf(year: number): Set<string> {
  const catalogue = SHIPPED_CATALOGUES.find((c) => c.year === year);
  return catalogue ? numericCodesOf(catalogue.definition) : new Set();
}

/** The evaluation schemes shipped with the product (./schemes/*.json), validated whole on load. */
export function loadShippedSchemes(): ShippedScheme[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const parsed = ShippedScheme.safeParse(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
      if (!parsed.success) throw new Error(`evaluation scheme ${f} is invalid: ${parsed.error.message}`);
      const problems = inconsistencies(parsed.data.definition, 'definition', returnCodesOf(parsed.data.year));
      if (problems.length) throw new Error(`evaluation scheme ${f} is inconsistent: ${problems.map((p) => `${p.field}: ${p.messageEn}`).join('; ')}`);
      return parsed.data;
    });
}
