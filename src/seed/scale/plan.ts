import { CHAINS, type ChainTemplateKey, type StageTemplate } from '../../shared/chains.ts';
import type { ApplicationStatus, CallLevel } from '../../shared/domain.ts';

/**
 * The filing careers of the generated spaces, planned here in plain TypeScript (a few hundred
 * thousand small decisions, instant) and handed to SQL as one JSON document: SQL then writes every
 * row the plan implies in set-based statements. The steps come from the shipped chains themselves,
 * so every state and stage the data set holds is one the product's transition table reaches.
 */

/** Who takes a step: the space's operator, or the organisation working the stage over the space. */
export type StepActor = 'operator' | 'county' | 'city' | 'province' | 'national' | 'intake';

export interface ChainStep {
  /** The chain's key (a shipped chain's, or `WORKLIST_CHAIN`'s). */
  chain: string;
  /** 1 = create, 2 = submit, then the stages' work in order. */
  n: number;
  /** The history event's action (the audit action is derived from it, as `transitionInTx` does). */
  action: string;
  fromStatus: ApplicationStatus | null;
  toStatus: ApplicationStatus;
  /** The stage the step is worked at (null for create and submit). */
  stage: string | null;
  /** The stage the application stands at after the step. */
  toStage: string | null;
  /** Days the entered stage has (its due date), when the step enters one. */
  dueDays: number | null;
  actor: StepActor;
}

/** The filing chain of each call level (the shipped chains the demo calls pin too). */
export const CHAIN_OF_LEVEL: Record<CallLevel, ChainTemplateKey> = {
  city: 'xuchang_city',
  province: 'liaoning_province',
  national: 'province_national',
};

const actorOf = (stage: StageTemplate): StepActor => (stage.actor.kind === 'authority' ? stage.actor.level : stage.actor.kind === 'intake' ? 'intake' : 'city');

/**
 * The chain of the national call whose notice and decision stages hold a national-size worklist
 * (issue 12: the candidate pages of a 1,000-application call are measured on it): the ministry's
 * review, notice and decision, each stage as the shipped chains define it. The generator stores it
 * as a ministry-owned chain version and pins the call to it.
 */
export const WORKLIST_CHAIN = {
  key: 'scale_national_worklist',
  name: '国家级众创空间备案（规模测试批次）：科技部审核 → 国家备案公示 → 国家备案审定',
  nameEn: 'National filing (scale test call): ministry review → national notice → national decision',
  stages: [
    CHAINS.province_national.stages.find((s) => s.key === 'national_review')!,
    { key: 'national_notice', kind: 'notice', name: '国家备案公示', nameEn: 'National public notice', actor: { kind: 'authority', level: 'national' }, dueDays: 15, checklist: [] },
    CHAINS.province_national.stages.find((s) => s.key === 'national_decision')!,
  ] as readonly StageTemplate[],
};

/**
 * The happy path through a chain, one entry per transition: what the services do when every stage
 * passes (review pass, recommendation sent, notice opened then cleared, approval released).
 */
export function chainSteps(key: string, stages: readonly StageTemplate[] = CHAINS[key as ChainTemplateKey].stages): ChainStep[] {
  const steps: ChainStep[] = [];
  const push = (s: Omit<ChainStep, 'chain' | 'n'>) => steps.push({ chain: key, n: steps.length + 1, ...s });
  push({ action: 'create', fromStatus: null, toStatus: 'draft', stage: null, toStage: null, dueDays: null, actor: 'operator' });
  push({ action: 'submit', fromStatus: 'draft', toStatus: 'submitted', stage: null, toStage: stages[0]!.key, dueDays: stages[0]!.dueDays, actor: 'operator' });
  stages.forEach((stage, i) => {
    const next = stages[i + 1];
    const from: ApplicationStatus = i === 0 ? 'submitted' : 'in_review';
    const enter = { toStage: next?.key ?? stage.key, dueDays: next?.dueDays ?? null };
    const actor = actorOf(stage);
    switch (stage.kind) {
      case 'review':
      case 'expert':
        push({ action: 'review.pass', fromStatus: from, toStatus: 'in_review', stage: stage.key, ...enter, actor });
        break;
      case 'recommend':
        push({ action: 'advance', fromStatus: from, toStatus: 'in_review', stage: stage.key, ...enter, actor });
        break;
      case 'notice':
        push({ action: 'open_notice', fromStatus: from, toStatus: 'in_public_notice', stage: stage.key, toStage: stage.key, dueDays: null, actor });
        push({ action: 'advance', fromStatus: 'in_public_notice', toStatus: 'in_review', stage: stage.key, ...enter, actor });
        break;
      case 'decision':
        push(next ? { action: 'decision.approve', fromStatus: from, toStatus: 'in_review', stage: stage.key, ...enter, actor } : { action: 'decision.approve', fromStatus: from, toStatus: 'filed', stage: stage.key, toStage: stage.key, dueDays: null, actor });
        break;
    }
  });
  return steps;
}

/** How an application's plan ends after its `steps` steps. */
export type Ending = 'draft' | 'open' | 'returned' | 'rejected' | 'filed';

/** The ending's closing event at the stage reached, when it has one (reject and return are not happy-path steps). */
export function closingAction(key: ChainTemplateKey, stageKey: string, status: ApplicationStatus, ending: Ending): string | null {
  const stage = CHAINS[key].stages.find((s) => s.key === stageKey)!;
  if (ending === 'returned') return 'review.return';
  if (ending !== 'rejected') return null;
  if (stage.kind === 'notice') return status === 'in_public_notice' ? 'block' : null;
  if (stage.kind === 'decision') return 'decision.reject';
  return stage.kind === 'review' || stage.kind === 'expert' ? 'review.reject' : null;
}

/** Where, after how many steps, an application may be rejected or returned (per the transition table and the stage's kind). */
function stopsFor(key: ChainTemplateKey, ending: 'rejected' | 'returned' | 'open'): number[] {
  const steps = chainSteps(key);
  return steps
    .slice(1, -1)
    .filter((s) => ending === 'open' || (s.toStage !== null && closingAction(key, s.toStage, s.toStatus, ending) !== null && (ending !== 'returned' || CHAINS[key].stages.find((x) => x.key === s.toStage)!.kind === 'review')))
    .map((s) => s.n);
}

export interface PlannedApplication {
  /** 1-based number of the space. */
  space: number;
  level: CallLevel;
  /** 0-based filing year (0 = the first of the size's years). */
  year: number;
  /** Happy-path steps taken (1 = created only). */
  steps: number;
  ending: Ending;
}

/** A small deterministic generator (mulberry32): the same plan on every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T,>(rnd: () => number, items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;

/** Share of a finished year's applications filed, by level: the higher, the more selective. */
const FILED_SHARE: Record<CallLevel, number> = { city: 0.65, province: 0.45, national: 0.3 };

const NEXT_LEVEL: Record<CallLevel, CallLevel | null> = { city: 'province', province: 'national', national: null };

/**
 * Each space climbs city → province → national: it applies once a year to the call of its current
 * level, moves up a level the year after a filing (national only with a provincial filing, as the
 * `province_national` chain requires), and tries again after a rejection or an abandoned draft.
 * Finished years end filed (65 % at city level, 45 % provincial, 30 % national), rejected at a stage that can reject, or as a draft never
 * submitted; the last year's applications are in flight at every stage.
 */
export function planCareers(spaces: number, years: number, seed = 12): PlannedApplication[] {
  const rnd = random(seed);
  const plan: PlannedApplication[] = [];
  const lastSteps = Object.fromEntries((Object.keys(CHAIN_OF_LEVEL) as CallLevel[]).map((l) => [l, chainSteps(CHAIN_OF_LEVEL[l]).length])) as Record<CallLevel, number>;
  const stops = (level: CallLevel, ending: 'rejected' | 'returned' | 'open') => stopsFor(CHAIN_OF_LEVEL[level], ending);
  for (let space = 1; space <= spaces; space++) {
    // Most spaces were there from the first years; some join later.
    let year = Math.floor(rnd() ** 3 * years);
    let level: CallLevel | null = 'city';
    while (level && year < years) {
      const r = rnd();
      let ending: Ending;
      if (year < years - 1) ending = r < FILED_SHARE[level] ? 'filed' : r < 0.95 ? 'rejected' : 'draft';
      else ending = r < 0.1 ? 'draft' : r < 0.68 ? 'open' : r < 0.76 ? 'returned' : r < 0.86 ? 'rejected' : 'filed';
      const steps = ending === 'filed' ? lastSteps[level] : ending === 'draft' ? 1 : pick(rnd, stops(level, ending));
      plan.push({ space, level, year, steps, ending });
      if (ending === 'filed') level = NEXT_LEVEL[level];
      // Many give the national filing up after a refusal.
      else if (level === 'national' && rnd() < 0.5) level = null;
      // A year off now and then, more often after a filing.
      year += 1 + (rnd() < (ending === 'filed' ? 0.3 : 0.15) ? 1 : 0);
    }
  }
  return plan;
}

/**
 * The worklist call's applications (`ScaleSize.worklist`), one each of the first spaces: the first
 * `notice` waiting at its notice stage (passed the ministry's review), the rest at its decision stage
 * (their notice cleared). In the last year, as the calls still being worked are.
 */
export function planWorklist(size: { years: number; worklist: { decision: number; notice: number } }): PlannedApplication[] {
  const steps = chainSteps(WORKLIST_CHAIN.key, WORKLIST_CHAIN.stages);
  const waitingAt = (stage: string) => steps.find((s) => s.toStage === stage && s.toStatus === 'in_review')!.n;
  const { decision, notice } = size.worklist;
  return Array.from({ length: decision + notice }, (_, i) => ({
    space: i + 1,
    level: 'national',
    year: size.years - 1,
    steps: waitingAt(i < notice ? 'national_notice' : 'national_decision'),
    ending: 'open',
  }));
}
