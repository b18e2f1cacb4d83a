import type SanitizeHtml from 'sanitize-html';
import { lazyRequire } from '../lazy-require.ts';

export type SanitizeOptions = SanitizeHtml.IOptions;

// sanitize-html brings its HTML parser and PostCSS: about 16 MiB of resident memory, loaded when
// the first rich text is saved rather than when the server starts.
const sanitizer = lazyRequire<typeof SanitizeHtml>('sanitize-html');

/** `html` with only what `options` allow (sanitize-html). */
export const sanitizeHtml = (html: string, options: SanitizeOptions): string => sanitizer()(html, options);
