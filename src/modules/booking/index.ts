/**
 * The booking module's public surface: other modules and the app layer import from here only.
 * Shared equipment and facilities of each space (AFTER-FILING §5): resources, rules per user group,
 * bookings (an exclusion constraint keeps them apart), waitlist, check-in/out, strikes,
 * qualifications, charges and 科技创新券, usage, and the platform-wide search.
 */
export { abilities as bookingAbilities, can as canBooking } from './policy.ts';
export { bookingRoutes } from './routes.ts';
export { exportUsage } from './excel.ts';
export { publicResourcesOf } from './repository.ts';
export {
  acceptOffer,
  addBlackout,
  addPhoto,
  book,
  bookingYearFigures,
  cancel,
  checkIn,
  checkInByToken,
  checkOut,
  createResource,
  decide,
  expireOffer,
  grantQualification,
  joinWaitlist,
  move,
  redeemVoucher,
  releaseNoShow,
  removePhoto,
  reorderPhotos,
  saveSettings,
  setMember,
  setRule,
  type ResourceInput,
  type RuleInput,
} from './service.ts';
export { bookingBans, bookingBlackouts, bookingMembers, bookingQualifications, bookingResourcePhotos, bookingResources, bookingRules, bookings, bookingSettings, bookingVouchers, bookingWaitlist } from './schema.ts';
export { bookingDeskLoad, bookingPeriodFigures, bookingUtilisation, topResources, type BookingDeskLoad, type BookingPeriodFigures, type TopResource, type UtilisationMonth } from './stats.ts';
