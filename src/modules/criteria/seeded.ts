import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleSetDefinition } from './rules.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rulesets');

/** The rule sets shipped with the product (./rulesets/*.json), validated on load. */
export function loadSeededRuleSets(): RuleSetDefinition[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const parsed = RuleSetDefinition.safeParse(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
      if (!parsed.success) throw new Error(`rule set ${f} is invalid: ${parsed.error.message}`);
      return parsed.data;
    });
}
