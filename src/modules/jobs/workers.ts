import type { AppContext } from '../../app.ts';
import { startMailWorker } from '../notify/mail.ts';

/** Every queue's worker; the server starts them with the context (tests may leave them off). */
export async function startWorkers(ctx: AppContext): Promise<void> {
  await startMailWorker(ctx);
}
