import type { ReturnCadence } from './schema.ts';
import { BEIJING_OFFSET_MS } from '../../shared/beijing-time.ts';

/**
 * The reporting cadences as data: how a period is written, how many months it covers, which filed
 * spaces a round of it enrolls, and whether a province has to switch it on (the monthly return is
 * optional, AFTER-FILING §1). Adding a cadence is a row here and a value of RETURN_CADENCES.
 */
export interface Cadence {
  name: { zh: string; en: string };
  /** The period's form: the year, and the index of the period within the year (1-based) when there are several. */
  pattern: RegExp;
  example: string;
  months: number;
  /** `national`: only spaces holding an active national filing (the ministry's quarterly monitoring). */
  enrols: 'filed' | 'national';
  /** Opened only where the space's province has switched it on (`return_settings.monthly`). */
  provinceSwitch: boolean;
  title: (regionName: string, year: number, index: number) => string;
}

export const CADENCES: Record<ReturnCadence, Cadence> = {
  annual: { name: { zh: '年度报表', en: 'annual' }, pattern: /^(\d{4})$/, example: '2026', months: 12, enrols: 'filed', provinceSwitch: false, title: (r, y) => `${r}${y}年度众创空间统计报表` },
  quarterly: {
    name: { zh: '季度监测报表', en: 'quarterly' },
    pattern: /^(\d{4})Q([1-4])$/,
    example: '2026Q3',
    months: 3,
    enrols: 'national',
    provinceSwitch: false,
    title: (r, y, q) => `${r}${y}年第${q}季度国家级众创空间监测报表`,
  },
  monthly: {
    name: { zh: '月度报表', en: 'monthly' },
    pattern: /^(\d{4})-(0[1-9]|1[0-2])$/,
    example: '2026-11',
    months: 1,
    enrols: 'filed',
    provinceSwitch: true,
    title: (r, y, m) => `${r}${y}年${m}月众创空间统计月报`,
  },
};

/** The period a round covers: its year, index within the year and Asia/Shanghai bounds as UTC instants; undefined when malformed. */
export function periodOf(cadence: ReturnCadence, period: string): { year: number; index: number; from: Date; to: Date } | undefined {
  const c = CADENCES[cadence];
  const m = c.pattern.exec(period);
  if (!m) return undefined;
  const year = Number(m[1]);
  const index = m[2] ? Number(m[2]) : 1;
  const first = (index - 1) * c.months; // 0-based month
  const at = (monthsFromJan: number) => new Date(Date.UTC(year, monthsFromJan, 1) - BEIJING_OFFSET_MS);
  return { year, index, from: at(first), to: at(first + c.months) };
}
