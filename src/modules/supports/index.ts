/**
 * The supports module's public surface: other modules and the app layer import from here only. The
 * support register (扶持登记, 004 §四.十四): every department's supports, recorded one by one or by
 * Excel import keyed by USCC, disclosed through the `support` kind of submission (check → public
 * notice → decision), and the public register of the published ones.
 */
export { BENEFICIARY_ROLES, PAYMENT_STATES, SUPPORT_STATUSES, supports, type BeneficiaryRole, type PaymentState, type SupportStatus } from './schema.ts';
export {
  ensureShippedSupports,
  onSupportsRecorded,
  proposeSupports,
  publicSupportsOfSpace,
  recordSupport,
  SUPPORT_KIND,
  withdrawSupport,
  type PublicSupport,
  type SupportInput,
  type SupportsRecordedListener,
} from './service.ts';
export { SUPPORT_CHAIN, SUPPORT_CHAINS, SUPPORT_CITY_CHAIN } from './chain.ts';
export { supportKind } from './kind.ts';
export { supportRoutes } from './routes.ts';
export { abilities as supportAbilities, can as canSupport } from './policy.ts';
export { setPaymentStateInTx } from './payment.ts';
