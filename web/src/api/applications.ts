/** Applications (备案申请): the dossier, its materials and transitions (src/modules/applications/routes.ts). */
import { type BodyOf, hrefOf, http, type QueryOf, type ResponseOf } from './client';

export { APPLICATION_STATUSES, ORG_NATURES, type ApplicationStatus } from '../../../src/shared/domain.ts';

export type ApplicationSummary = ResponseOf<'/api/applications', 'get'>['items'][number];
/** The dossier as GET /api/applications/:id answers it, with where it stands in the review chain. */
export type ApplicationDetail = ResponseOf<'/api/applications/{id}', 'get'>;
/** 基础信息表 (001 附件2), as the server stores it. */
export type BasicInfo = ApplicationDetail['basicInfo'];
export type YesWithName = NonNullable<BasicInfo['builtByEnterprise']>;
export type Report = ApplicationDetail['report'];
/**
 * 评价指标: what the applicant declares for the call's rule set beyond the 基础信息表, by profile group
 * (field paths as in criteria FIELDS).
 */
export type Indicators = ApplicationDetail['indicators'];
export type MaterialSlot = ApplicationDetail['call']['materialSlots'][number];
export type Attachment = ApplicationDetail['attachments'][number];
export type Assessment = ResponseOf<'/api/applications/{id}/assessment', 'get'>;
/** A call open to the operator now, with the spaces that may apply (GET /api/calls/open). */
export type OpenCall = ResponseOf<'/api/calls/open', 'get'>['items'][number];
export type DossierBody = BodyOf<'/api/applications/{id}/dossier', 'put'>;

/** The phones of the 基础信息表: masked unless `abilities.read_personal`; POST …/reveal shows one in full. */
export const PERSONAL_FIELDS = ['legalRepresentativePhone', 'principalMobile', 'contactMobile'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];
export const isPersonalField = (key: string): key is PersonalField => (PERSONAL_FIELDS as readonly string[]).includes(key);

/** The fixed outline of 附件3, in order; `successCases` is the list of 3–5 cases. */
export const REPORT_SECTIONS = ['hostOverview', 'currentStatus', 'overallResults', 'successCases', 'goalsAndTasks', 'organisationAndSupport'] as const;
export type TextSection = Exclude<(typeof REPORT_SECTIONS)[number], 'successCases'>;

export const applicationsApi = {
  list: (query: QueryOf<'/api/applications', 'get'>) => http.get('/api/applications', { query }),
  get: (id: string) => http.get('/api/applications/{id}', { path: { id } }),
  create: (body: BodyOf<'/api/applications', 'post'>) => http.post('/api/applications', { body }),
  saveDossier: (id: string, body: DossierBody) => http.put('/api/applications/{id}/dossier', { path: { id }, body }),
  submit: (id: string, revision: number) => http.post('/api/applications/{id}/submit', { path: { id }, body: { revision } }),
  withdraw: (id: string, revision: number) => http.post('/api/applications/{id}/withdraw', { path: { id }, body: { revision } }),
  assessment: (id: string) => http.get('/api/applications/{id}/assessment', { path: { id } }),
  attach: (id: string, body: BodyOf<'/api/applications/{id}/attachments', 'post'>) => http.post('/api/applications/{id}/attachments', { path: { id }, body }),
  detach: (id: string, attachmentId: string) => http.delete('/api/applications/{id}/attachments/{attachmentId}', { path: { id, attachmentId } }),
  confirmCommitment: (id: string) => http.post('/api/applications/{id}/commitment/confirm', { path: { id }, body: {} }),
  /** One masked phone of the dossier in full, with the reason (audited). */
  revealPersonal: (id: string) => (body: BodyOf<'/api/applications/{id}/reveal', 'post'>) => http.post('/api/applications/{id}/reveal', { path: { id }, body }),
  /** Calls open to the operator now, with the spaces that may apply. */
  openCalls: () => http.get('/api/calls/open'),
};

/** Files of an application, linked to rather than fetched. */
export const applicationLinks = {
  exportDocx: (id: string) => hrefOf('/api/applications/{id}/export.docx', { path: { id } }),
  materialsZip: (id: string) => hrefOf('/api/applications/{id}/materials.zip', { path: { id } }),
  commitmentDocx: (id: string) => hrefOf('/api/applications/{id}/commitment.docx', { path: { id } }),
};

/** The 申报书 is edited as plain text: each line a paragraph of the sanitised HTML the server keeps. */
export function textToHtml(text: string): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text.trim() ? text.split('\n').map((line) => `<p>${escape(line)}</p>`).join('') : '';
}

export function htmlToText(html: string | undefined): string {
  if (!html) return '';
  const withBreaks = html.replace(/<\/(p|li|h3|h4|blockquote)>\s*/gi, '\n').replace(/<br\s*\/?>/gi, '\n');
  const doc = new DOMParser().parseFromString(withBreaks, 'text/html');
  return (doc.body.textContent ?? '').replace(/\n$/, '');
}
