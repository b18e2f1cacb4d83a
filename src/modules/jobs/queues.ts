import type { QueueSettings } from './queue.ts';

/** Every queue of the application and its payload. A module adds its queues here. */
export interface AppJobs {
  /** Deliver one row of `mail_outbox` (see src/modules/notify/mail.ts). */
  'mail.send': { outboxId: string };
  /** Remind a stage's authority that an application's stage is due (src/modules/review). Stale when the stage or due date moved. */
  'review.stage_due': { applicationId: string; stageKey: string; dueAt: string };
  /** A public notice ended: move on the applications without open objections (src/modules/notices). */
  'notice.conclude': { noticeId: string };
  /** The daily attachment-store sweep (src/modules/files/sweep.ts); each run schedules the next. */
  'files.sweep': Record<string, never>;
  /** Once a day (UTC `day`): the audit chain's head into the checkpoint history and the log (src/modules/audit/daily.ts). */
  'audit.checkpoint': { day: string };
  /** A reporting round's due date passed: its unfiled drafts are marked missed (src/modules/returns/missed.ts). */
  'returns.due': { callId: string };
  /** N days before a round's due date: its operators who have not handed in are reminded once (src/modules/returns/reminders.ts). */
  'returns.remind': { callId: string; daysBefore: number };
  /** An evaluation round's deadline passed: its drafts are 应评未评, handed in on the platform's behalf (src/modules/evaluation/missed.ts). */
  'evaluation.due': { callId: string };
  /** A confirmed booking's check-in grace ended: released as a no-show unless checked in (src/modules/booking). Stale when moved. */
  'booking.release': { bookingId: string; startsAt: string };
  /** A waitlist offer's time ran out: expired, the slot offered to the next waiter (src/modules/booking). */
  'booking.offer_expire': { waitId: string };
  /** An event seat offered to the first waitlisted ran out: expired, the seat offered on (src/modules/events). */
  'events.offer_expire': { signupId: string };
  /** Before an event: its confirmed participants not yet reminded are told once (src/modules/events). Stale when the start or lead time moved. */
  'events.remind': { eventId: string; remindAt: string };
  /** Duplicate-support checks D1–D6 over the supports and returns a change touched, or all of them (src/modules/dupcheck). */
  'dupcheck.scan': { full: boolean; supportIds: string[]; returnIds: string[] };
  /** Once a night (UTC `day` of the run): the full duplicate scan, queueing the next (src/modules/dupcheck). */
  'dupcheck.nightly': { day: string };
}

export const APP_QUEUES: { [N in keyof AppJobs]: QueueSettings } = {
  // 30 s, 1 min, 2 min, … : an SMTP outage of about an hour is ridden out before a mail is marked failed.
  'mail.send': { retryLimit: 7, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 120 },
  'review.stage_due': { retryLimit: 5, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 120 },
  'notice.conclude': { retryLimit: 5, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 300 },
  // Stately: every start asks for the next run, and only one may wait.
  'files.sweep': { retryLimit: 3, retryDelaySeconds: 300, retryBackoff: true, expireInSeconds: 3600, policy: 'stately' },
  'audit.checkpoint': { retryLimit: 5, retryDelaySeconds: 300, retryBackoff: true, expireInSeconds: 300 },
  'returns.due': { retryLimit: 5, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 300 },
  'returns.remind': { retryLimit: 5, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 300 },
  'evaluation.due': { retryLimit: 5, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 300 },
  'booking.release': { retryLimit: 5, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 120 },
  'booking.offer_expire': { retryLimit: 5, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 120 },
  'events.offer_expire': { retryLimit: 5, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 120 },
  'events.remind': { retryLimit: 5, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 300 },
  // A full scan over a million supports takes seconds (BENCHMARKS.md); retried, it finds the same alerts.
  'dupcheck.scan': { retryLimit: 5, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 600 },
  'dupcheck.nightly': { retryLimit: 3, retryDelaySeconds: 300, retryBackoff: true, expireInSeconds: 900 },
};
