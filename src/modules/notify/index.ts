/**
 * The notify module's public surface: other modules and the app layer import from here only. The
 * mail outbox and its worker, in-app notifications, and the per-authority message templates.
 */
export { notify, notifyAndMail } from './service.ts';
export { queueMail, startMailWorker } from './mail.ts';
export {
  deleteTemplate,
  ownTemplates,
  placeholdersOf,
  renderTemplate,
  TEMPLATE_DEFAULTS,
  TEMPLATE_KEYS,
  unknownPlaceholders,
  upsertTemplate,
  type TemplateKey,
  type TemplateVars,
} from './templates.ts';
export { notifyRoutes } from './routes.ts';
export { mailOutbox, notifications, notificationTemplates } from './schema.ts';
export { recentNotifications } from './recent.ts';
