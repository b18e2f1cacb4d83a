/**
 * The notices module's public surface: other modules and the app layer import from here only. Public
 * notices (公示) and objections (异议).
 */
export { concludeNoticeJob, fileObjection, publishNotice } from './service.ts';
export { abilities as noticeAbilities } from './policy.ts';
export { noticeRoutes } from './routes.ts';
export { noticeEntries, objections, publicNotices } from './schema.ts';
export { noticeLoad, type NoticeLoad } from './workload.ts';
