import type { FieldProblem } from './client';
import type { Evaluation } from './criteria';

import { type ORG_NATURES, type ApplicationStatus } from '../../../src/shared/domain.ts';

export { APPLICATION_STATUSES, ORG_NATURES, type ApplicationStatus } from '../../../src/shared/domain.ts';

export interface ApplicationSummary {
  id: string;
  status: ApplicationStatus;
  revision: number;
  call: { id: string; title: string; closesAt: string };
  space: { id: string; name: string };
  deadline: string;
  submittedAt: string | null;
  updatedAt: string;
}

export interface YesWithName {
  yes: boolean;
  name?: string;
}

/** The phones of the 基础信息表: masked unless `abilities.read_personal`; POST …/reveal shows one in full. */
export const PERSONAL_FIELDS = ['legalRepresentativePhone', 'principalMobile', 'contactMobile'] as const;

/** 基础信息表 (001 附件2), as the server stores it (src/modules/applications/dossier.ts). */
export interface BasicInfo {
  spaceName?: string;
  foundedOn?: string;
  operatorName?: string;
  operatorNature?: (typeof ORG_NATURES)[number];
  legalRepresentative?: string;
  legalRepresentativePhone?: string;
  principalName?: string;
  principalMobile?: string;
  contactName?: string;
  contactMobile?: string;
  address?: string;
  email?: string;
  builtByEnterprise?: YesWithName;
  builtByUniversity?: YesWithName;
  builtByResearchInstitute?: YesWithName;
  professionalDirection?: string;
  teamTotal?: number;
  teamCollegePlus?: number;
  mentors?: number;
  floorAreaM2?: number;
  publicServiceAreaM2?: number;
  angelFundWan?: number;
  residentProjects?: number;
  residentEnterprises?: number;
  eventsHeld?: number;
  onlinePlatform?: YesWithName;
  publicTechPlatform?: YesWithName;
  managementSystems?: { entryStandard: boolean; exitConditions: boolean; incubateeDatabase: boolean; other?: string };
}

/** The fixed outline of 附件3, in order; `successCases` is the list of 3–5 cases. */
export const REPORT_SECTIONS = ['hostOverview', 'currentStatus', 'overallResults', 'successCases', 'goalsAndTasks', 'organisationAndSupport'] as const;
export type TextSection = Exclude<(typeof REPORT_SECTIONS)[number], 'successCases'>;
export type Report = Partial<Record<TextSection, string>> & { successCases?: { title: string; content: string }[] };

/**
 * 评价指标: what the applicant declares for the call's rule set beyond the 基础信息表, by profile group
 * (src/modules/applications/dossier.ts Indicators; field paths as in criteria FIELDS).
 */
export type Indicators = Partial<Record<'space' | 'operator' | 'host' | 'indicators' | 'facts', Record<string, unknown>>>;

export interface MaterialSlot {
  key: string;
  name: string;
  required: boolean;
  description?: string;
}

export interface Attachment {
  id: string;
  slotKey: string;
  fileId: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  addedBy: string | null;
  addedByName: string;
  addedAt: string;
}

export interface ApplicationDetail {
  id: string;
  status: ApplicationStatus;
  revision: number;
  call: { id: string; title: string; level: string; opensAt: string; closesAt: string; materialSlots: MaterialSlot[]; ruleSet: { id: string; title: string } | null };
  space: { id: string; name: string; category: string };
  operator: { id: string; name: string };
  deadline: string;
  deadlineExtendedUntil: string | null;
  basicInfo: BasicInfo;
  report: Report;
  indicators: Indicators;
  attachments: Attachment[];
  commitment: { confirmedAt: string | null; confirmedBy: string | null };
  missing: FieldProblem[];
  history: { at: string; actorUserId: string | null; action: string; fromStatus: string | null; toStatus: string | null; note: string | null }[];
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
  abilities: Partial<
    Record<'read' | 'edit' | 'attach' | 'export' | 'export_materials' | 'confirm_commitment' | 'submit' | 'withdraw' | 'extend' | 'read_personal' | 'reveal_personal', boolean>
  >;
}

export interface Assessment {
  ruleSet: { id: string; title: string } | null;
  evaluation: Evaluation | null;
}

/** A call open to the operator now, with the spaces that may apply (GET /api/calls/open). */
export interface OpenCall {
  id: string;
  title: string;
  level: 'city' | 'province' | 'national';
  year: number;
  authority: { id: string; name: string };
  regionName: string;
  opensAt: string;
  closesAt: string;
  eligibleCategories: string[];
  ruleSet: { id: string; title: string } | null;
  materialSlots: MaterialSlot[];
  description: string | null;
  eligibleSpaces: { id: string; name: string }[];
}

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
