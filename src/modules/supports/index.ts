/**
 * The supports module's public surface: other modules and the app layer import from here only. The
 * support register (扶持登记): every department's supports, their disclosure and publication.
 */
export { BENEFICIARY_ROLES, PAYMENT_STATES, SUPPORT_STATUSES, supports, type BeneficiaryRole, type PaymentState, type SupportStatus } from './schema.ts';
export { setPaymentStateInTx } from './payment.ts';
