/** Public notices' actions, one file each (the routes call them through here); access.ts holds what they share. */
export { concludeNotice, concludeNoticeJob } from './conclude-notice.ts';
export { fileObjection, type ObjectionInput } from './file-objection.ts';
export { handleObjection, type HandleInput } from './handle-objection.ts';
export { NOTICE_CANDIDATE_SORTS, noticeCandidates } from './notice-candidates.ts';
export { openEvidence, revealObjection } from './objection-evidence.ts';
export { getPublicNotice, listPublicNotices } from './public-notices.ts';
export { publishNotice, type PublishInput } from './publish-notice.ts';
export { getNotice, listNotices, NOTICE_SORTS } from './read-notices.ts';
