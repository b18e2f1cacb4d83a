/**
 * The jobs module's public surface: other modules and the app layer import from here only. pg-boss
 * behind `Jobs`; `sendInTx` enqueues in the caller's transaction. It knows no domain module: workers
 * are listed in `modules/index.ts`.
 */
export { createJobs, pendingPayloads, sendInTx, type JobInfo, type Jobs } from './queue.ts';
export { APP_QUEUES, type AppJobs } from './queues.ts';
