/** The one PostgreSQL schema: every module's tables, re-exported for Drizzle and drizzle-kit. */
export * from '../modules/regions/schema.ts';
export * from '../modules/orgs/schema.ts';
export * from '../modules/identity/schema.ts';
export * from '../modules/audit/schema.ts';
export * from '../modules/files/schema.ts';
export * from '../modules/notify/schema.ts';
export * from '../modules/criteria/schema.ts';
export * from '../modules/chains/schema.ts';
export * from '../modules/spaces/schema.ts';
export * from '../modules/calls/schema.ts';
export * from '../modules/credit/schema.ts';
export * from '../modules/applications/schema.ts';
export * from '../modules/review/schema.ts';
export * from '../modules/recommendations/schema.ts';
export * from '../modules/notices/schema.ts';
export * from '../modules/experts/schema.ts';
export * from '../modules/filings/schema.ts';
