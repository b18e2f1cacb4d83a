/** Statistics returns (年度统计): src/modules/returns/routes.ts. */
import { type BodyOf, hrefOf, http, type ResponseOf } from './client';

export type ReturnDetail = ResponseOf<'/api/returns/{id}', 'get'>;
export type ReturnFinding = ReturnDetail['findings'][number];
export type ReturnIndicator = ReturnDetail['catalogue']['definition']['indicators'][number];
export type MyReturn = ResponseOf<'/api/returns/mine', 'get'>['items'][number];
export type ReturnRound = ResponseOf<'/api/returns/rounds', 'get'>['items'][number];
export type RoundBody = BodyOf<'/api/returns/rounds', 'post'>;
export type ReturnValues = BodyOf<'/api/returns/{id}', 'put'>['values'];

export type CatalogueVersion = ResponseOf<'/api/returns/catalogues', 'get'>['items'][number];
export type CatalogueVersionDetail = ResponseOf<'/api/returns/catalogues/{id}', 'get'>;
export type CatalogueDefinitionDraft = BodyOf<'/api/returns/catalogues/{id}', 'put'>['definition'];

export const RETURN_STATES = ['draft', 'missed', 'submitted', 'in_review', 'returned', 'filed', 'rejected'] as const;

export const returnsApi = {
  mine: () => http.get('/api/returns/mine'),
  rounds: (query: { page: number; pageSize: number }) => http.get('/api/returns/rounds', { query }),
  progress: (callId: string) => http.get('/api/returns/rounds/{callId}/progress', { path: { callId } }),
  figures: (callId: string, code?: string) => http.get('/api/returns/rounds/{callId}/figures', { path: { callId }, query: code ? { code } : {} }),
  catalogues: () => http.get('/api/returns/catalogues'),
  settings: () => http.get('/api/returns/settings'),
  setSettings: (body: BodyOf<'/api/returns/settings', 'put'>) => http.put('/api/returns/settings', { body }),
  catalogue: (id: string) => http.get('/api/returns/catalogues/{id}', { path: { id } }),
  cloneCatalogue: (id: string, body: BodyOf<'/api/returns/catalogues/{id}/clone', 'post'>) => http.post('/api/returns/catalogues/{id}/clone', { path: { id }, body }),
  saveCatalogue: (id: string, body: BodyOf<'/api/returns/catalogues/{id}', 'put'>) => http.put('/api/returns/catalogues/{id}', { path: { id }, body }),
  publishCatalogue: (id: string, revision: number) => http.post('/api/returns/catalogues/{id}/publish', { path: { id }, body: { revision } }),
  openRound: (body: RoundBody) => http.post('/api/returns/rounds', { body }),
  get: (id: string) => http.get('/api/returns/{id}', { path: { id } }),
  save: (id: string, body: BodyOf<'/api/returns/{id}', 'put'>) => http.put('/api/returns/{id}', { path: { id }, body }),
  check: (id: string, values: ReturnValues) => http.post('/api/returns/{id}/check', { path: { id }, body: { values } }),
  /** Fills the return from a workbook in the export's Torch layout (multipart: the revision, then the file); bad cells come back as field errors, nothing saved. */
  importBook: (id: string, revision: number, file: Blob, fileName: string) => {
    const form = new FormData();
    form.append('revision', String(revision));
    form.append('file', file, fileName);
    return http.postForm('/api/returns/{id}/import', form, { path: { id } });
  },
  attachCover: (id: string, fileId: string) => http.put('/api/returns/{id}/cover-scan', { path: { id }, body: { fileId } }),
  submit: (id: string, revision: number) => http.post('/api/returns/{id}/submit', { path: { id }, body: { revision } }),
  reopen: (id: string, reason: string) => http.post('/api/returns/{id}/reopen', { path: { id }, body: { reason } }),
};

/** Workbooks of returns, linked to rather than fetched. */
export const returnLinks = {
  acceptedXlsx: (callId: string) => hrefOf('/api/returns/rounds/{callId}/accepted.xlsx', { path: { callId } }),
  returnXlsx: (id: string) => hrefOf('/api/returns/{id}/return.xlsx', { path: { id } }),
  coverScan: (id: string) => hrefOf('/api/returns/{id}/cover-scan/download', { path: { id } }),
  coverDocx: (id: string) => hrefOf('/api/returns/{id}/cover.docx', { path: { id } }),
};
