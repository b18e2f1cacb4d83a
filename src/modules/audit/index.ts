/**
 * The audit module's public surface: other modules and the app layer import from here only. The
 * append-only log (`recordInTx` in the writer's transaction), the sealer that chains it after commit,
 * verification and the checkpoint.
 */
export {
  adoptChain,
  record,
  recordInTx,
  resetCheckpoint,
  sealPending,
  SYSTEM_CONTEXT,
  verify,
  verifyAndRecord,
  verifySealed,
  type AuditContext,
} from './service.ts';
export { type VerifyResult } from './chain.ts';
export { startDailyCheckpoint } from './daily.ts';
export { startSealer } from './sealer.ts';
export { auditRoutes } from './routes.ts';
export { auditLog } from './schema.ts';
