/**
 * The policies module's public surface: other modules and the app layer import from here only. The
 * policy library (004 §四.十四 统一的政策信息发布平台): policies with the State Council library's
 * metadata, validity and replacement, interpretations, the support items a policy defines, the
 * public search, and subscriptions notified once per policy (in-app, and by mail when chosen).
 */
export { abilities as policyAbilities } from './policy.ts';
export { policyRoutes } from './routes.ts';
export { changeValidity, createPolicy, publishPolicy, searchPublished, subscribe, type PolicyInput, type SupportItemInput } from './service.ts';
export { paragraphs } from './rules.ts';
export { policies, policySubscriptionHits, policySubscriptions, policySupportItems, POLICY_TARGETS, POLICY_THEMES, POLICY_VALIDITIES, SUPPORT_CATEGORIES, type SupportCategory } from './schema.ts';
