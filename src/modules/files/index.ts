/**
 * The files module's public surface: other modules and the app layer import from here only. The
 * attachment store, the per-file policy behind `authoriseFiles`, and the sweep of crash leftovers.
 */
export {
  authoriseFiles,
  authorisePhoto,
  linkedFileMeta,
  openLinkedFile,
  PHOTO_MAX_BYTES,
  recordedAttachments,
  storePublicUpload,
  uploadFile,
  type IncomingFile,
} from './service.ts';
export { reorderLinkedPhotos, writePhotoOrder, type PhotoLinks } from './photo-order.ts';
export { PREVIEW_MIME_TYPES, previewable, sendInline } from './inline.ts';
export { startSweepWorker, sweepStore } from './sweep.ts';
export { fileRoutes } from './routes.ts';
export { FILE_KINDS, files } from './schema.ts';
