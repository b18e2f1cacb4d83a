/**
 * The applications module's public surface (the filing dossier, one kind of submission): other modules
 * and the app layer import from here only. Its submissions live in the kernel's table (workflow); this
 * module writes their payload only through the kernel.
 */
export { assertReadable, roundsOf } from './service.ts';
export { attachFile, confirmCommitment, createApplication, resubmitApplication, saveDossier, submitApplication } from './service.ts';
export { abilities as applicationAbilities, can as canApplication } from './policy.ts';
export { applicationRoutes } from './routes.ts';
export { applicationFileRoutes } from './attachment-routes.ts';
export { applicationAttachments, applicationRounds } from './schema.ts';
export { operatorLoad, type OperatorLoad, type OperatorTodo } from './workload.ts';
