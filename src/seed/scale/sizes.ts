/**
 * The sizes the scale generator loads (issue 12; AFTER-FILING §7). `national` is what the issue's
 * measurements were taken on; `province` is one province at about 1/30 of it (runs on PGlite);
 * `smoke` is a few hundred rows for the generator's own test. Later issues add their tables' targets
 * here (events, bookings, support records…) and a step to `seedScale` that reads them.
 *
 * Spaces, years and the per-row factors are what the generator is given; the other figures are the
 * targets the data set lands near (the filing careers are drawn, not counted out), checked roughly by
 * scale.test.ts and printed in the summary beside what was loaded.
 */
export interface ScaleSize {
  /** Provinces whose counties hold the spaces: every province, or the codes listed. */
  provinces: 'all' | readonly string[];
  /** At most this many counties of those provinces hold spaces (smoke keeps to a few). */
  maxCounties?: number;
  spaces: number;
  /** Filing years, the last of them `LAST_YEAR` (the calls of that year are still being worked). */
  years: number;
  /** Incubatees on each space's roster, entering evenly over the years (roster.ts: a space serves ≈ 1/2.4 of them in a year). */
  incubateesPerSpace: number;
  /** Survey years of statistics returns, the last of them `LAST_YEAR` (its rounds are being filed). */
  returnYears: number;
  /**
   * Years of the annual evaluation (issue 14, evaluation.ts): the years before `LAST_YEAR` (whose
   * returns are still being filed), one provincial round per province, year and category each.
   */
  evaluationYears: number;
  /** Sign-ins recorded in the audit log besides the rows the applications and files leave. */
  signIns: number;
  /**
   * Support records (issue 17: 100,000 a year, 1,000,000 in all), spread evenly over the filed
   * space-years (each space from its first filing on; supports.ts). The ten years are the
   * data set's eight filing years here, ≈ 125,000 a year. Policies follow the regions: two versions
   * of one support policy per authority (≈ 6,700 at national size, 360 at province size).
   */
  supports: number;
  /** Applications of the one worklist call (plan.ts `WORKLIST_CHAIN`) waiting at its decision and its notice stage. */
  worklist: { decision: number; notice: number };
  /**
   * The service platform (issues 15 and 16, platform.ts): makers' accounts, shared resources and a
   * year of their bookings, events and their sign-ups, spread evenly over the spaces.
   */
  platform: { makers: number; resources: number; bookings: number; events: number; signups: number };
  targets: {
    applications: number;
    applicationEvents: number;
    attachments: number;
    notices: number;
    decisions: number;
    auditRows: number;
    policies: number;
  };
}

export const SIZES = {
  national: {
    provinces: 'all',
    spaces: 15_000,
    years: 8,
    // ≈ 10 entrants a space a year: ≈ 500,000 incubatees served a year (issue 13).
    incubateesPerSpace: 80,
    returnYears: 5,
    evaluationYears: 5,
    signIns: 120_000,
    worklist: { decision: 1_000, notice: 300 },
    platform: { makers: 60_000, resources: 120_000, bookings: 6_000_000, events: 200_000, signups: 4_000_000 },
    supports: 1_000_000,
    targets: { applications: 65_000, applicationEvents: 367_000, attachments: 515_000, notices: 2_900, decisions: 19_000, auditRows: 1_000_000, policies: 6_700 },
  },
  province: {
    // Henan: 17 cities and the province-administered county-level cities, ≈ 1/30 of the country.
    provinces: ['410000'],
    spaces: 500,
    years: 8,
    incubateesPerSpace: 80,
    returnYears: 5,
    evaluationYears: 5,
    signIns: 4_000,
    worklist: { decision: 35, notice: 10 },
    platform: { makers: 2_000, resources: 4_000, bookings: 200_000, events: 6_700, signups: 134_000 },
    supports: 33_000,
    targets: { applications: 2_170, applicationEvents: 12_200, attachments: 17_200, notices: 100, decisions: 630, auditRows: 33_000, policies: 360 },
  },
  smoke: {
    provinces: ['410000'],
    maxCounties: 6,
    spaces: 24,
    years: 4,
    incubateesPerSpace: 6,
    returnYears: 2,
    evaluationYears: 3,
    signIns: 50,
    worklist: { decision: 3, notice: 2 },
    platform: { makers: 60, resources: 96, bookings: 2_400, events: 120, signups: 1_200 },
    supports: 600,
    targets: { applications: 70, applicationEvents: 380, attachments: 540, notices: 4, decisions: 25, auditRows: 1_000, policies: 18 },
  },
} as const satisfies Record<string, ScaleSize>;

export type ScaleSizeName = keyof typeof SIZES;
export const SCALE_SIZE_NAMES = Object.keys(SIZES) as ScaleSizeName[];

/**
 * The last filing year: fixed, so the data set is the same whenever it is loaded. Its calls close at
 * the end of the year, so its applications are in flight (queues, notices, pending decisions).
 */
export const LAST_YEAR = 2026;
