/**
 * The annual work summary (年度工作总结) a space hands in with its evaluation, in a fixed outline so
 * that experts read every space's summary under the same headings (003 第十条: 创业服务能力、服务创业者
 * 数量、初创企业存活率; 002 §四(二): activities registered and publicised). One Zod schema for the
 * API and the stored column.
 */
import { z } from 'zod';
import { bi } from '../../shared/i18n-errors.ts';

export const SUMMARY_SECTIONS = [
  { key: 'overview', label: '基本情况', labelEn: 'Overview' },
  { key: 'services', label: '创业服务开展情况', labelEn: 'Services provided' },
  { key: 'incubation', label: '孵化成效', labelEn: 'Incubation results' },
  { key: 'activities', label: '创新创业活动', labelEn: 'Activities held' },
  { key: 'management', label: '内部管理与可持续发展', labelEn: 'Management and sustainability' },
  { key: 'plans', label: '存在问题与下一年度计划', labelEn: 'Problems and next year’s plan' },
] as const;
export type SummarySection = (typeof SUMMARY_SECTIONS)[number]['key'];

const section = (label: string, labelEn: string) =>
  z
    .string(bi(`“${label}”应为文本`, `"${labelEn}" must be text`))
    .trim()
    .max(5000, bi(`“${label}”不能超过 5000 个字`, `"${labelEn}": at most 5000 characters`));

/** Every section of the outline, each at most 5,000 characters; a draft may leave sections empty. */
export const WorkSummary = z.strictObject(
  Object.fromEntries(SUMMARY_SECTIONS.map((s) => [s.key, section(s.label, s.labelEn).default('')])) as Record<SummarySection, z.ZodDefault<ReturnType<typeof section>>>,
);
export type WorkSummary = z.infer<typeof WorkSummary>;

/** The sections still empty, which a submission may not leave so. */
export const emptySections = (summary: WorkSummary | null) => SUMMARY_SECTIONS.filter((s) => !summary?.[s.key]?.trim());
