/** The dossier's actions, one file each (the routes call them through here). */
export * from './create-application.ts';
export * from './list-applications.ts';
export * from './read-application.ts';
export * from './save-dossier.ts';
export * from './attachments.ts';
export * from './commitment.ts';
export * from './submit-application.ts';
export * from './resubmit-application.ts';
export * from './withdraw-application.ts';
export * from './extend-deadline.ts';
export * from './export-application.ts';
export * from './call-applications.ts';
