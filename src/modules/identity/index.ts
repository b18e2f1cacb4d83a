/**
 * The identity module's public surface: other modules and the app layer import from here only. Users,
 * roles, sessions, sign-in, TOTP, registration and account administration.
 */
export { activeUsersWithRoles, sealPlainTotpSecrets } from './service.ts';
export { createAccount, createAccountInTx, setAccountStatusByOperator } from './accounts.ts';
export { accountAdminRoutes } from './admin-routes.ts';
export { hashPassword } from './password.ts';
export { passwordResetRoutes } from './password-reset-routes.ts';
export { registrationRoutes } from './registration-routes.ts';
export { loadActor, resolveSession } from './sessions.ts';
export { identityRoutes } from './routes.ts';
export { sessions, userRoles, users } from './schema.ts';
