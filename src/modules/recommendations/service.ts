/** Recommendation batches' actions, one file each (the routes call them through here); access.ts holds what they share. */
export { type ItemInput } from './access.ts';
export { commitmentDocument, letterDocument, openBatchFile } from './batch-documents.ts';
export { listCandidates } from './candidates.ts';
export { createBatch, type BatchInput } from './create-batch.ts';
export { getBatch, listBatches, packageFor } from './read-batches.ts';
export { sendBatch } from './send-batch.ts';
export { attachDocuments, updateBatch } from './update-batch.ts';
