/**
 * The services module's public surface: other modules and the app layer import from here only. Each
 * space's catalogue of professional services (004 §一, 000 §三.二), the orders makers place
 * (requested → quoted → accepted → delivered → rated), and the figures the statistics return reads.
 */
export { abilities as serviceAbilities } from './policy.ts';
export { serviceRoutes } from './routes.ts';
export { publicServicesOf } from './repository.ts';
export {
  acceptOrder,
  cancelOrder,
  createService,
  declineOrder,
  deliverOrder,
  quoteOrder,
  rateOrder,
  requestOrder,
  serviceFigures,
  type ServiceFigures,
  type ServiceInput,
} from './service.ts';
export { ORDER_TRANSITIONS, nextOrderState } from './transitions.ts';
export { ORDER_STATES, PRICE_BASES, SERVICE_KINDS, serviceOrderEvents, serviceOrders, spaceServices, type OrderState, type ServiceKind } from './schema.ts';
export { serviceDeskLoad, serviceMonths, servicePeriodFigures, type ServiceDeskLoad, type ServiceMonth, type ServicePeriodFigures } from './stats.ts';
