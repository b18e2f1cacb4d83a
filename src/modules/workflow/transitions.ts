import { AppError } from '../../shared/errors.ts';
import type { ApplicationStatus } from './schema.ts';

/**
 * The one transition table of an application: from-state → action → to-state (DESIGN §4). Where in
 * the chain an application stands is its `stageKey`; `advance` moves it to the next stage. Actions
 * that keep the state (`extend`, `extend_stage`) are listed so the states they make sense in are
 * written down here too.
 *
 * - submit / withdraw / resubmit: the applicant; extend: the call's authority (submission deadline,
 *   or the resubmission due date of a returned application).
 * - advance: a stage passed (review, intake, recommendation, expert review, a cleared public notice,
 *   an approval released at a selection stage).
 * - return / reject: a stage's reviewers; open_notice / block: the public notice and an upheld objection.
 * - file: an approval released at the last stage; revoke / file / reinstate: reversing a released decision.
 * - reopen: the accepting authority takes an accepted submission back to its filer with a reason
 *   (statistics returns); the acceptance is withdrawn and the resubmission climbs the chain again.
 * - cancel_for_fraud: a fraud finding (002 §四.(一).3), from any state after a submission.
 */
export const TRANSITIONS = {
  draft: { submit: 'submitted', extend: 'draft' },
  submitted: { withdraw: 'withdrawn', advance: 'in_review', return: 'returned', reject: 'rejected', extend_stage: 'submitted', cancel_for_fraud: 'cancelled_for_fraud' },
  withdrawn: { submit: 'submitted', extend: 'withdrawn', cancel_for_fraud: 'cancelled_for_fraud' },
  in_review: {
    advance: 'in_review',
    return: 'returned',
    reject: 'rejected',
    open_notice: 'in_public_notice',
    file: 'filed',
    extend_stage: 'in_review',
    cancel_for_fraud: 'cancelled_for_fraud',
  },
  returned: { resubmit: 'in_review', extend: 'returned', cancel_for_fraud: 'cancelled_for_fraud' },
  in_public_notice: { advance: 'in_review', block: 'rejected', extend_stage: 'in_public_notice', cancel_for_fraud: 'cancelled_for_fraud' },
  rejected: { file: 'filed', reinstate: 'in_review', cancel_for_fraud: 'cancelled_for_fraud' },
  filed: { revoke: 'rejected', reopen: 'returned', cancel_for_fraud: 'cancelled_for_fraud' },
  cancelled_for_fraud: {},
} as const satisfies Record<ApplicationStatus, Partial<Record<string, ApplicationStatus>>>;

type Table = typeof TRANSITIONS;
export type TransitionAction = { [S in keyof Table]: keyof Table[S] }[keyof Table];

/** The states an action may start from. */
export function allowedFrom(action: TransitionAction): ApplicationStatus[] {
  return (Object.keys(TRANSITIONS) as ApplicationStatus[]).filter((s) => action in TRANSITIONS[s]);
}

export const STATUS_NAMES: Record<ApplicationStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'draft' },
  submitted: { zh: '已提交', en: 'submitted' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
  in_review: { zh: '审核中', en: 'in review' },
  returned: { zh: '退回修改', en: 'returned for revision' },
  in_public_notice: { zh: '公示中', en: 'in public notice' },
  rejected: { zh: '未通过', en: 'rejected' },
  filed: { zh: '已备案', en: 'filed' },
  cancelled_for_fraud: { zh: '因弄虚作假撤销', en: 'cancelled for fraud' },
};

const ACTION_NAMES: Record<TransitionAction, { zh: string; en: string }> = {
  submit: { zh: '提交', en: 'submitted' },
  withdraw: { zh: '撤回', en: 'withdrawn' },
  extend: { zh: '延期', en: 'extended' },
  extend_stage: { zh: '延长审核期限', en: 'given a later stage due date' },
  advance: { zh: '进入下一环节', en: 'moved on' },
  return: { zh: '退回修改', en: 'returned' },
  resubmit: { zh: '重新提交', en: 'resubmitted' },
  reject: { zh: '不予通过', en: 'rejected' },
  open_notice: { zh: '列入公示', en: 'put on a public notice' },
  block: { zh: '因异议成立终止推荐', en: 'blocked by an upheld objection' },
  file: { zh: '备案', en: 'filed' },
  revoke: { zh: '撤销备案', en: 'revoked' },
  reinstate: { zh: '恢复审核', en: 'reinstated' },
  reopen: { zh: '重新开放', en: 'reopened' },
  cancel_for_fraud: { zh: '因弄虚作假撤销', en: 'cancelled for fraud' },
};

/** The state `action` leads to from `from`; a 409 STATE_CONFLICT naming the current state when the table has no such move. */
export function nextStatus(from: ApplicationStatus, action: TransitionAction): ApplicationStatus {
  const to = (TRANSITIONS[from] as Partial<Record<TransitionAction, ApplicationStatus>>)[action];
  if (!to)
    throw new AppError('STATE_CONFLICT', {
      zh: `申请当前状态为“${STATUS_NAMES[from].zh}”，不能${ACTION_NAMES[action].zh}`,
      en: `An application in state "${from}" cannot be ${ACTION_NAMES[action].en}`,
    });
  return to;
}
