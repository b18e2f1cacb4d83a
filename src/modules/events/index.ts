/**
 * The events module's public surface: other modules and the app layer import from here only. Each
 * space's events (培训、路演、大赛、沙龙、经营模式创新; 002 §四(二), 003 第九条) with sign-ups, a
 * waitlist with expiring offers, QR check-in (offline replay), and the public activity register;
 * `publicActivities` and `eventFigures` for the space's site, the statistics return and evaluation.
 */
export { abilities as eventAbilities } from './policy.ts';
export { eventRoutes } from './routes.ts';
export {
  acceptOffer as acceptEventOffer,
  cancelEvent,
  cancelSignup as cancelEventSignup,
  checkIn as checkInEvent,
  checkInBatch as checkInEventBatch,
  createEvent,
  decideSignup as decideEventSignup,
  eventFigures,
  eventPeriodFigures,
  expireOffer as expireEventOffer,
  holdEvent,
  publicActivities,
  publicOpenEvents,
  publishEvent,
  remindParticipants as remindEventParticipants,
  setSignupForm as setEventSignupForm,
  setSummary as setEventSummary,
  addPhoto as addEventPhoto,
  signUp as signUpForEvent,
  YEARLY_MINIMUM as EVENTS_YEARLY_MINIMUM,
  type EventFigures,
  type EventInput,
} from './service.ts';
export { EVENT_KINDS, EVENT_ROLES, FORM_FIELD_TYPES, MAX_EVENT_PHOTOS, PROFESSIONAL_KINDS, eventPhotos, eventSignups, spaceEvents, type EventKind, type EventRole } from './schema.ts';
