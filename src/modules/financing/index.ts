/**
 * The financing module's public surface: other modules and the app layer import from here only. A
 * space's funds (own angel/seed funds, partner funds), the investors registered on the platform,
 * incubatees' financing requests matched with investors by field, and recorded investments, which
 * flow into the roster's financing rounds; `financingFigures` for the statistics return's 投融资.
 */
export { abilities as financingAbilities } from './policy.ts';
export { financingRoutes } from './routes.ts';
export {
  createFund,
  financingFigures,
  publicFundsOf,
  raiseRequest,
  recordInvestment,
  registerInvestor,
  type FinancingFigures,
  type FundInput,
  type InvestorInput,
} from './service.ts';
export { FUND_KINDS, INVESTMENT_TYPES, INVESTOR_TYPES, ROUNDS, financingInvestments, financingRequests, investors, spaceFunds } from './schema.ts';
