import { z } from 'zod';
import { HOST_TYPES } from '../../shared/domain.ts';
import { FIELD_PATHS } from './profile.ts';

/**
 * A rule set is data: conditions of a few kinds, each citing the clause it comes from. Authorities
 * edit thresholds and add or remove conditions without a code change; this schema is what they may
 * write (and what the seeded files in ./rulesets must satisfy).
 */
const Field = z.enum(FIELD_PATHS);

const Applicability = z.strictObject({
  categories: z.array(z.enum(['regular', 'professional'])).min(1).optional(),
  regularTypes: z.array(z.enum(['tech_support', 'investment_driven', 'comprehensive'])).min(1).optional(),
  hostTypes: z.array(z.enum(HOST_TYPES)).min(1).optional(),
});

const Base = {
  /** Stable within a rule set, e.g. `ln-2-5-teams`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/),
  /** Where the condition comes from, e.g. `辽宁指引 二(五)`. */
  clause: z.string().min(1).max(80),
  /** What is required, in Chinese; defaults to the field's label. */
  label: z.string().min(1).max(120).optional(),
  appliesTo: Applicability.optional(),
};

const Threshold = z.strictObject({
  ...Base,
  kind: z.literal('threshold'),
  field: Field,
  op: z.enum(['gte', 'lte', 'between']),
  value: z.number(),
  /** Upper bound for `between` (inclusive). */
  max: z.number().optional(),
});

/**
 * "At least `perGroup` of `field` for every `groupSize` of `per`" (e.g. 1 mentor per 15 incubated
 * enterprises). A partial group counts as a whole group when `rounding` is `ceil` (16 enterprises
 * need 2 mentors), and is ignored when it is `floor` (16 enterprises need 1).
 */
const PerGroup = z.strictObject({
  ...Base,
  kind: z.literal('per_group'),
  field: Field,
  per: Field,
  groupSize: z.number().int().min(1),
  perGroup: z.number().int().min(1),
  rounding: z.enum(['ceil', 'floor']),
});

/** `field` as a share of `of` must be at least `minPercent` (exact integer arithmetic). */
const Share = z.strictObject({
  ...Base,
  kind: z.literal('share'),
  field: Field,
  of: Field,
  minPercent: z.number().min(0).max(100),
});

const Flag = z.strictObject({ ...Base, kind: z.literal('flag'), field: Field, expected: z.boolean().default(true) });

const OneOf = z.strictObject({
  ...Base,
  kind: z.literal('enum'),
  field: Field,
  oneOf: z.array(z.string().min(1)).min(1),
});

const Count = z.strictObject({
  ...Base,
  kind: z.literal('count'),
  field: Field,
  min: z.number().int().min(0),
  max: z.number().int().min(0).optional(),
});

const Pattern = z.strictObject({
  ...Base,
  kind: z.literal('pattern'),
  field: Field,
  /** A JavaScript regular expression the text must match. */
  pattern: z.string().min(1).refine((p) => {
    try {
      new RegExp(p, 'u');
      return true;
    } catch {
      return false;
    }
  }, 'not a valid regular expression'),
  /** What a valid value looks like, for the explanation, e.g. `XXX专业化众创空间`. */
  example: z.string().min(1),
});

/** A qualitative condition: a reviewer confirms the evidence (`profile.evidence[key]`). */
const Evidence = z.strictObject({ ...Base, kind: z.literal('evidence'), key: z.string().regex(/^[a-z0-9_]{2,64}$/), label: z.string().min(1).max(200) });

export type Condition =
  | z.infer<typeof Threshold>
  | z.infer<typeof PerGroup>
  | z.infer<typeof Share>
  | z.infer<typeof Flag>
  | z.infer<typeof OneOf>
  | z.infer<typeof Count>
  | z.infer<typeof Pattern>
  | z.infer<typeof Evidence>
  | GroupCondition;

export interface GroupCondition {
  id: string;
  clause: string;
  label?: string;
  appliesTo?: z.infer<typeof Applicability>;
  kind: 'all_of' | 'any_of';
  conditions: Condition[];
}

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    Threshold,
    PerGroup,
    Share,
    Flag,
    OneOf,
    Count,
    Pattern,
    Evidence,
    z.strictObject({ ...Base, kind: z.enum(['all_of', 'any_of']), conditions: z.array(ConditionSchema).min(1) }),
  ]),
) as z.ZodType<Condition>;

export const RuleSetDefinition = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,63}$/),
    title: z.string().min(1).max(200),
    /** The policy document, e.g. `《辽宁省专业化众创空间建设工作指引（试行）》（2019）`. */
    source: z.string().min(1).max(300),
    conditions: z.array(ConditionSchema).min(1),
  })
  .superRefine((def, ctx) => {
    const seen = new Set<string>();
    const walk = (list: Condition[], path: (string | number)[]) =>
      list.forEach((c, i) => {
        if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: [...path, i, 'id'], message: `duplicate condition id ${c.id}` });
        seen.add(c.id);
        if (c.kind === 'threshold' && c.op === 'between' && (c.max === undefined || c.max < c.value))
          ctx.addIssue({ code: 'custom', path: [...path, i, 'max'], message: 'between needs max ≥ value' });
        if (c.kind === 'count' && c.max !== undefined && c.max < c.min)
          ctx.addIssue({ code: 'custom', path: [...path, i, 'max'], message: 'max must be ≥ min' });
        if (c.kind === 'all_of' || c.kind === 'any_of') walk(c.conditions, [...path, i, 'conditions']);
      });
    walk(def.conditions, ['conditions']);
  });

export type RuleSetDefinition = z.infer<typeof RuleSetDefinition>;
