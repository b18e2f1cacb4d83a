import type { QueueSettings } from './queue.ts';

/** Every queue of the application and its payload. A module adds its queues here. */
export interface AppJobs {
  /** Deliver one row of `mail_outbox` (see src/modules/notify/mail.ts). */
  'mail.send': { outboxId: string };
}

export const APP_QUEUES: { [N in keyof AppJobs]: QueueSettings } = {
  // 30 s, 1 min, 2 min, … : an SMTP outage of about an hour is ridden out before a mail is marked failed.
  'mail.send': { retryLimit: 7, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 120 },
};
