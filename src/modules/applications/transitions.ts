import { AppError } from '../../shared/errors.ts';
import type { ApplicationStatus } from './schema.ts';

/**
 * The one transition table of an application: from-state → action → to-state. The review issue
 * extends it (in_review, returned, …). `extend` keeps the state: it is listed so the states in which
 * an extension makes sense are written down here too.
 */
export const TRANSITIONS = {
  draft: { submit: 'submitted', extend: 'draft' },
  submitted: { withdraw: 'withdrawn' },
  withdrawn: { submit: 'submitted', extend: 'withdrawn' },
} as const satisfies Record<ApplicationStatus, Partial<Record<string, ApplicationStatus>>>;

type Table = typeof TRANSITIONS;
export type TransitionAction = { [S in keyof Table]: keyof Table[S] }[keyof Table];

/** The states an action may start from. */
export function allowedFrom(action: TransitionAction): ApplicationStatus[] {
  return (Object.keys(TRANSITIONS) as ApplicationStatus[]).filter((s) => action in TRANSITIONS[s]);
}

const STATUS_NAMES: Record<ApplicationStatus, string> = { draft: '草稿', submitted: '已提交', withdrawn: '已撤回' };
const ACTION_NAMES: Record<TransitionAction, { zh: string; en: string }> = {
  submit: { zh: '提交', en: 'submitted' },
  withdraw: { zh: '撤回', en: 'withdrawn' },
  extend: { zh: '延期', en: 'extended' },
};

/** The state `action` leads to from `from`; a 409 naming the current state when the table has no such move. */
export function nextStatus(from: ApplicationStatus, action: TransitionAction): ApplicationStatus {
  const to = (TRANSITIONS[from] as Partial<Record<TransitionAction, ApplicationStatus>>)[action];
  if (!to)
    throw new AppError('CONFLICT', {
      zh: `申请当前状态为“${STATUS_NAMES[from]}”，不能${ACTION_NAMES[action].zh}`,
      en: `An application in state "${from}" cannot be ${ACTION_NAMES[action].en}`,
    });
  return to;
}
