import { z } from 'zod';
import { STAGE_KINDS, type StageTemplate } from '../../shared/chains.ts';
import { AUTHORITY_LEVELS, CALL_LEVELS, type AuthorityLevel, type CallLevel } from '../../shared/domain.ts';
import type { FieldError } from '../../shared/errors.ts';
import { bi, issueToFieldError } from '../../shared/i18n-errors.ts';

/**
 * What makes a review chain runnable, checked before a draft is saved and again when it is
 * published. Two layers: the Zod shapes below (also the route's body schema, so the OpenAPI document
 * shows them) and `chainProblems`, the rules across fields. Every problem names its field
 * (`body.definition.stages.2.actor.level`) in Chinese and English. Pure: no database.
 */

/** county < city < province < national: an actor may work a stage only up to the chain's level. */
const RANK: Record<AuthorityLevel, number> = { county: 0, city: 1, province: 2, national: 3 };
export const levelRank = (level: AuthorityLevel) => RANK[level];

const LEVEL_NAMES: Record<AuthorityLevel, [string, string]> = {
  county: ['县级', 'county'],
  city: ['市级', 'city'],
  province: ['省级', 'province'],
  national: ['国家级', 'national'],
};

export const SLUG = /^[a-z][a-z0-9_]*$/;
const slug = (what: [string, string]) =>
  z
    .string()
    .min(1, bi(`请填写${what[0]}`, `enter the ${what[1]}`))
    .max(48, bi(`${what[0]}最多 48 位`, `the ${what[1]} has at most 48 characters`))
    .regex(SLUG, bi(`${what[0]}须以小写字母开头，只含小写字母、数字和下划线`, `the ${what[1]} starts with a lower-case letter and has only lower-case letters, digits and _`));
const text = (max: number, what: [string, string]) =>
  z
    .string()
    .trim()
    .min(1, bi(`请填写${what[0]}`, `enter the ${what[1]}`))
    .max(max, bi(`${what[0]}最多 ${max} 个字`, `the ${what[1]} has at most ${max} characters`));

export const ChecklistItemInput = z.strictObject({
  /** Stable within the stage: verdicts are recorded under it. */
  key: slug(['检查项标识', 'item key']),
  label: text(200, ['检查项（中文）', 'item label (Chinese)']),
  labelEn: text(200, ['检查项（英文）', 'item label (English)']),
});

/** authority (with its level), recommender (a city bureau or a high-tech zone committee), intake (the province's intake agency) or unit (the recommending unit itself). */
export const StageActorInput = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('authority'), level: z.enum(AUTHORITY_LEVELS, bi('主管部门层级应为县级、市级、省级或国家级', 'the authority level is county, city, province or national')) }),
    z.strictObject({ kind: z.literal('recommender') }),
    z.strictObject({ kind: z.literal('intake') }),
    z.strictObject({ kind: z.literal('unit') }),
  ],
  bi('办理单位应为主管部门、推荐单位、受理单位或本部门', 'the actor is an authority, a recommending unit, the intake agency or the department itself'),
);

export const StageInput = z.strictObject({
  /** Unique within the chain; applications record the stage they are at by it. */
  key: slug(['环节标识', 'stage key']),
  kind: z.enum(STAGE_KINDS, bi('环节类型应为审核、公示、推荐、专家评审或审定', 'the stage kind is review, notice, recommend, expert or decision')),
  name: text(60, ['环节名称（中文）', 'stage name (Chinese)']),
  nameEn: text(120, ['环节名称（英文）', 'stage name (English)']),
  actor: StageActorInput,
  /** Days the stage's workers have from the day an application enters it. */
  dueDays: z
    .number(bi('办理时限应为天数', 'the due days are a number'))
    .int(bi('办理时限应为整数天', 'the due days are whole days'))
    .min(1, bi('办理时限为 1–365 天', 'the due days are 1–365'))
    .max(365, bi('办理时限为 1–365 天', 'the due days are 1–365')),
  checklist: z.array(ChecklistItemInput).max(30, bi('检查项最多 30 项', 'at most 30 checklist items')),
  /** Recommend stages only: the documents the batch carries. */
  documents: z
    .array(z.enum(['letter', 'authority_commitment'], bi('随附文书应为推荐函或主管部门信用承诺书', 'a document is the letter or the authority commitment')))
    .max(2)
    .optional(),
  /** The last (decision) stage only: the filing its released approvals give, at the chain's level. */
  filingLevel: z.enum(CALL_LEVELS, bi('备案层级应为市级、省级或国家级', 'the filing level is city, province or national')).optional(),
});

export const ChainDefinitionInput = z.strictObject({
  stages: z.array(StageInput).max(20, bi('环节最多 20 个', 'at most 20 stages')),
});

/** What an editor sends for a draft (besides its revision). */
export const ChainDraftFields = {
  name: text(200, ['流程名称（中文）', 'chain name (Chinese)']),
  nameEn: text(300, ['流程名称（英文）', 'chain name (English)']),
  /** The level of the calls that may pin it. */
  level: z.enum(CALL_LEVELS, bi('级别应为市级、省级或国家级', 'the level is city, province or national')),
  /** Only spaces already filed at this level may apply (e.g. filed provincial spaces going national). */
  requiresFiling: z.enum(['city', 'province'], bi('前置备案层级应为市级或省级', 'the required filing is city or province')).nullish(),
  definition: ChainDefinitionInput,
};
export const ChainDraftInput = z.strictObject(ChainDraftFields);
export type ChainDraft = z.infer<typeof ChainDraftInput>;

const problem = (field: string, zh: string, en: string): FieldError => ({ field, message: zh, messageEn: en });
const levelName = (l: AuthorityLevel) => LEVEL_NAMES[l];

function duplicates<T>(values: T[]): number[] {
  return values.flatMap((v, i) => (values.indexOf(v) !== i ? [i] : []));
}

/** Stage kinds whose pass carries a verdict and note on every checklist item (001 §三.2 "严禁审核走过场"). */
const NEEDS_CHECKLIST: readonly StageTemplate['kind'][] = ['review', 'recommend', 'decision'];
/**
 * Stage kinds only an S&T department works: its notices, its expert pools, its decisions. A
 * department's own chain (every stage worked by the unit: the disclosure of its supports) notices
 * and decides itself, but has no expert pool.
 */
const AUTHORITY_ONLY: readonly StageTemplate['kind'][] = ['notice', 'expert', 'decision'];
const UNIT_WORKS: readonly StageTemplate['kind'][] = ['review', 'notice', 'decision'];

/**
 * The rules across fields of a well-shaped chain; `prefix` is where the chain sits in the request
 * (`body`). Empty when the chain can run.
 */
export function chainProblems(chain: ChainDraft, prefix = 'body'): FieldError[] {
  const at = (path: string) => (prefix ? `${prefix}.${path}` : path);
  const out: FieldError[] = [];
  const { stages } = chain.definition;
  const level = chain.level as CallLevel;

  if (chain.requiresFiling && RANK[chain.requiresFiling] >= RANK[level])
    out.push(problem(at('requiresFiling'), `前置备案层级须低于流程级别（${levelName(level)[0]}）`, `the required filing must be below the chain's level (${levelName(level)[1]})`));

  if (stages.length === 0) {
    out.push(problem(at('definition.stages'), '流程至少需要一个环节', 'a chain needs at least one stage'));
    return out;
  }

  for (const i of duplicates(stages.map((s) => s.key)))
    out.push(problem(at(`definition.stages.${i}.key`), `环节标识“${stages[i]!.key}”重复`, `the stage key “${stages[i]!.key}” is used twice`));

  const lastIndex = stages.length - 1;
  const last = stages[lastIndex]!;
  if (last.kind !== 'decision')
    out.push(problem(at(`definition.stages.${lastIndex}.kind`), '最后一个环节须为审定环节（发布备案名单）', 'the last stage must be a decision (it releases the filing list)'));
  else if (last.filingLevel === undefined)
    out.push(problem(at(`definition.stages.${lastIndex}.filingLevel`), `最后的审定环节须给予${levelName(level)[0]}备案`, `the last decision gives a ${levelName(level)[1]} filing`));

  if (stages[0]!.kind === 'notice')
    out.push(problem(at('definition.stages.0.kind'), '公示不能作为第一个环节（须先审核再公示）', 'a notice cannot be the first stage (something must be reviewed first)'));

  const ownChain = stages.every((s) => s.actor.kind === 'unit');
  stages.forEach((s, i) => {
    const field = (path: string) => at(`definition.stages.${i}.${path}`);
    if (s.filingLevel !== undefined) {
      if (i !== lastIndex || s.kind !== 'decision')
        out.push(problem(field('filingLevel'), '只有最后的审定环节可以给予备案', 'only the last decision stage gives a filing'));
      else if (s.filingLevel !== level)
        out.push(problem(field('filingLevel'), `备案层级须与流程级别（${levelName(level)[0]}）一致`, `the filing level must be the chain's level (${levelName(level)[1]})`));
    }
    if (s.actor.kind === 'authority' && RANK[s.actor.level] > RANK[level])
      out.push(problem(field('actor'), `办理的主管部门（${levelName(s.actor.level)[0]}）高于流程级别（${levelName(level)[0]}）`, `the authority (${levelName(s.actor.level)[1]}) is above the chain's level (${levelName(level)[1]})`));
    if (s.actor.kind === 'unit') {
      // A unit never works inside an S&T department's chain: the decisions that give filings stay theirs.
      if (!ownChain) out.push(problem(field('actor'), '由本部门办理的流程，其各环节均须由本部门办理', 'a chain worked by the department itself has every stage worked by it'));
      else if (!UNIT_WORKS.includes(s.kind)) out.push(problem(field('actor'), '本部门办理的流程只有审核、公示和审定环节', 'a department’s own chain has only review, notice and decision stages'));
    } else if (AUTHORITY_ONLY.includes(s.kind) && s.actor.kind !== 'authority')
      out.push(problem(field('actor'), '公示、专家评审和审定环节须由主管部门办理', 'notice, expert and decision stages are worked by an authority'));
    // Role-level menus and routes (expert pools, recommendation batches) are decided from the shipped
    // chains' bounds; a custom chain stays inside them so no one gets a stage without its pages.
    if (s.kind === 'expert' && s.actor.kind === 'authority' && RANK[s.actor.level] < RANK.province)
      out.push(problem(field('actor'), '专家评审环节须由省级或国家级主管部门办理（专家库设在省级以上）', 'expert stages are worked by a provincial or national authority (expert pools sit there)'));
    if (s.kind === 'recommend' && s.actor.kind === 'authority' && s.actor.level === 'national')
      out.push(problem(field('actor'), '推荐环节不能由国家级主管部门办理（其上没有再接收推荐的环节）', 'a recommend stage is not worked by the national authority (nothing above it receives the recommendation)'));
    if (s.documents !== undefined) {
      if (s.kind !== 'recommend') out.push(problem(field('documents'), '只有推荐环节可以随附推荐函或信用承诺书', 'only recommend stages carry documents'));
      else for (const d of duplicates(s.documents)) out.push(problem(field(`documents.${d}`), '随附文书重复', 'a document is listed twice'));
    }
    if (NEEDS_CHECKLIST.includes(s.kind) && s.checklist.length === 0)
      out.push(problem(field('checklist'), '审核、推荐和审定环节至少需要一项检查项（严禁审核走过场）', 'review, recommend and decision stages need at least one checklist item'));
    for (const d of duplicates(s.checklist.map((c) => c.key)))
      out.push(problem(field(`checklist.${d}.key`), `检查项标识“${s.checklist[d]!.key}”重复`, `the item key “${s.checklist[d]!.key}” is used twice`));
  });
  return out;
}

export type ChainCheck = { ok: true; chain: ChainDraft } | { ok: false; errors: FieldError[] };

/** Shape, then the rules across fields: what the API and the loader of shipped chains both run. */
export function checkChain(input: unknown, prefix = 'body'): ChainCheck {
  const parsed = ChainDraftInput.safeParse(input);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => issueToFieldError(i as never, prefix, input)) };
  const errors = chainProblems(parsed.data, prefix);
  return errors.length ? { ok: false, errors } : { ok: true, chain: parsed.data };
}
