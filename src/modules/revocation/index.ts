/**
 * The revocation module's public surface: other modules and the app layer import from here only.
 * 动态管理 (002 §四(二), 003 第十条): revocation proposals raised by the rules (two failing years, two
 * missed returns, fraud), the `revocation` kind of submission that ends a filing, its standing call.
 */
export { ensureShippedRevocation, GROUND_NAMES, proposalsOfSpace, proposeRevocationInTx, REVOCATION_KIND, type ProposalInput } from './service.ts';
export { revocationKind } from './kind.ts';
export { revocationRoutes } from './routes.ts';
export { abilities as revocationAbilities, can as canRevocation } from './policy.ts';
export { proposalWorkload, type ProposalWorkload } from './workload.ts';
export { revocationProposals, REVOCATION_GROUNDS, type Evidence, type EvidenceRef, type RevocationGround } from './schema.ts';
