import { type BodyOf, http, type QueryOf, type ResponseOf } from './client';
import type { Grade, PlatformFigure, SchemeDefinition } from '../../../src/modules/evaluation/scheme.ts';
import type { SummarySection } from '../../../src/modules/evaluation/summary.ts';
import { NUMERIC_TYPES } from '../../../src/modules/returns/catalogue-types.ts';
import { returnsApi } from './returns';

/** Evaluation schemes (评价方案): src/modules/evaluation/routes.ts, and the definition model of scheme.ts. */

export type PreviewPage = ResponseOf<'/api/evaluation/schemes/{id}/preview', 'post'>;
export type PreviewSpace = PreviewPage['items'][number];
export type EvaluationRound = ResponseOf<'/api/evaluation/rounds', 'get'>['items'][number];
export type RoundEntriesPage = ResponseOf<'/api/evaluation/rounds/{id}/entries', 'get'>;
export type RoundEntry = RoundEntriesPage['items'][number];
export type MyEvaluation = ResponseOf<'/api/evaluation/mine', 'get'>['items'][number];
export type EvaluationDetail = ResponseOf<'/api/evaluation/entries/{id}', 'get'>;
export type WorkSummary = NonNullable<EvaluationDetail['summary']>;
export type SchemeSummary = ResponseOf<'/api/evaluation/schemes', 'get'>['items'][number];
/**
 * A scheme with its definition. The route's response leaves the definition open (its handler passes
 * the stored JSON through); what it holds is a SchemeDefinition (src/modules/evaluation/scheme.ts),
 * the one place the web reads it as such.
 */
export type SchemeDetail = Omit<ResponseOf<'/api/evaluation/schemes/{id}', 'get'>, 'definition'> & { definition: SchemeDefinition };
const withDefinition = (detail: ResponseOf<'/api/evaluation/schemes/{id}', 'get'>): SchemeDetail => ({ ...detail, definition: detail.definition as SchemeDefinition });

export type { Grade, PlatformFigure, SchemeDefinition } from '../../../src/modules/evaluation/scheme.ts';
export type Indicator = SchemeDefinition['indicators'][number];
export type BonusItem = SchemeDefinition['bonus'][number];
export type Scoring = Indicator['scoring'];
export type Source = Indicator['source'];
export type Veto = SchemeDefinition['vetoes'][number];
export type Band = SchemeDefinition['bands'][number];

/**
 * Restated rather than imported, so the page does not bundle the server's Zod schemas; as records
 * keyed by the server's types, a figure or grade added there fails the type check until added here.
 */
const FIGURE_KEYS: Record<PlatformFigure, true> = { survival_s1: true, survival_s3: true, activities_weighted: true, coaching_sessions: true, bookings: true, false_data_found: true };
export const PLATFORM_FIGURES = Object.keys(FIGURE_KEYS) as PlatformFigure[];
/** Each grade's colour, the same wherever a grade shows (tag, chart), best first. */
export const GRADE_COLORS: Record<Grade, string> = { excellent: '#52c41a', good: '#1677ff', pass: '#faad14', fail: '#ff4d4f' };
export const GRADES = Object.keys(GRADE_COLORS) as Grade[];
/** The work summary's fixed outline, in order (src/modules/evaluation/summary.ts); its headings are `evaluation.mine.section.<key>`. */
const SECTION_KEYS: Record<SummarySection, true> = { overview: true, services: true, incubation: true, activities: true, management: true, plans: true };
export const SUMMARY_SECTIONS = Object.keys(SECTION_KEYS) as SummarySection[];
export const SCORING_KINDS = ['step', 'linear', 'rank', 'percentile', 'direct'] as const satisfies readonly Scoring['kind'][];
export const SOURCE_KINDS = ['return', 'platform', 'expert'] as const satisfies readonly Source['from'][];

export const evaluationApi = {
  list: (query: QueryOf<'/api/evaluation/schemes', 'get'>) => http.get('/api/evaluation/schemes', { query }),
  get: (id: string) => http.get('/api/evaluation/schemes/{id}', { path: { id } }).then(withDefinition),
  clone: (id: string, body: BodyOf<'/api/evaluation/schemes/{id}/clone', 'post'>) => http.post('/api/evaluation/schemes/{id}/clone', { path: { id }, body }),
  save: (id: string, body: { revision: number; definition: SchemeDefinition }) => http.put('/api/evaluation/schemes/{id}', { path: { id }, body }).then(withDefinition),
  /** The scheme scored on a past year's figures of the reader's jurisdiction: one page of spaces explained, the grade distribution of all. */
  preview: (id: string, body: BodyOf<'/api/evaluation/schemes/{id}/preview', 'post'>, query: QueryOf<'/api/evaluation/schemes/{id}/preview', 'post'>) =>
    http.post('/api/evaluation/schemes/{id}/preview', { path: { id }, query, body }),
  rounds: (query: QueryOf<'/api/evaluation/rounds', 'get'>) => http.get('/api/evaluation/rounds', { query }),
  openRound: (body: BodyOf<'/api/evaluation/rounds', 'post'>) => http.post('/api/evaluation/rounds', { body }),
  entries: (id: string, query: QueryOf<'/api/evaluation/rounds/{id}/entries', 'get'>) => http.get('/api/evaluation/rounds/{id}/entries', { path: { id }, query }),
  computeScores: (id: string) => http.post('/api/evaluation/rounds/{id}/scores', { path: { id }, body: {} }),
  mine: () => http.get('/api/evaluation/mine'),
  entry: (id: string) => http.get('/api/evaluation/entries/{id}', { path: { id } }),
  saveSummary: (id: string, revision: number, summary: WorkSummary) => http.put('/api/evaluation/entries/{id}/summary', { path: { id }, body: { revision, summary } }),
  confirmFigures: (id: string, revision: number) => http.post('/api/evaluation/entries/{id}/confirm-figures', { path: { id }, body: { revision } }),
  submitEntry: (id: string, revision: number) => http.post('/api/evaluation/entries/{id}/submit', { path: { id }, body: { revision } }),
  publish: (id: string, revision: number) => http.post('/api/evaluation/schemes/{id}/publish', { path: { id }, body: { revision } }).then(withDefinition),
  /**
   * The numeric indicators of the return catalogue in force for a survey year (what a scheme may read
   * from a return), as the server checks them: the year's newest published version, else the latest
   * year's before it.
   */
  async returnIndicators(year: number) {
    const { items } = await returnsApi.catalogues();
    const inForce = items.filter((c) => c.status === 'published' && c.year <= year).sort((a, b) => b.year - a.year || (b.version ?? 0) - (a.version ?? 0))[0];
    if (!inForce) return [];
    const { definition } = await returnsApi.catalogue(inForce.id);
    return definition.indicators.filter((i) => NUMERIC_TYPES.includes(i.type));
  },
};
