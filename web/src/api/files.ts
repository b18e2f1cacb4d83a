/** Uploaded files (src/modules/files/routes.ts). */
import { hrefOf, http } from './client';

export const filesApi = {
  /** Uploads one file (multipart, field `file`); attach it afterwards by its id. */
  upload: (file: Blob, fileName: string) => {
    const form = new FormData();
    form.append('file', file, fileName);
    return http.postForm('/api/files', form);
  },
  /** Where a stored file is downloaded (its own policy decides who may). */
  downloadUrl: (id: string) => hrefOf('/api/files/{id}/download', { path: { id } }),
};
