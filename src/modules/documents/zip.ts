import type { Readable } from 'node:stream';
import yazl from 'yazl';

export interface ZipEntry {
  /** Path inside the archive; Chinese names are written as UTF-8 with the language-encoding flag. */
  name: string;
  data: Buffer | Readable;
  /** zlib's deflate level, 0–9 (yazl's default, 6, when absent). */
  compressionLevel?: number;
}

/**
 * A ZIP streamed as it is written (nothing buffered but the entry being compressed). yazl marks
 * every name as UTF-8 (general purpose bit 11), which WinRAR, 7-Zip, Windows Explorer and macOS
 * honour, so 营业执照.pdf stays 营业执照.pdf.
 */
export function zipStream(entries: readonly ZipEntry[], mtime = new Date()): Readable {
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    const options = e.compressionLevel === undefined ? { mtime } : { mtime, compressionLevel: e.compressionLevel };
    if (Buffer.isBuffer(e.data)) zip.addBuffer(e.data, e.name, options);
    else zip.addReadStream(e.data, e.name, options);
  }
  zip.end();
  return zip.outputStream as Readable;
}

/** An archive path from folder and file names, each cleaned: no folders smuggled in, no control characters. */
export function entryPath(...segments: readonly string[]): string {
  const clean = (s: string) => [...s].map((c) => (c.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('').replace(/^\.+/, '_');
  return segments.map((s) => clean(s) || '_').join('/');
}

/** The same paths made unique within the archive: a repeated `a.pdf` becomes `a(2).pdf`. */
export function uniqueEntryNames(paths: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return paths.map((p) => {
    const n = (seen.get(p) ?? 0) + 1;
    seen.set(p, n);
    if (n === 1) return p;
    const dot = p.lastIndexOf('.');
    return dot > p.lastIndexOf('/') + 1 ? `${p.slice(0, dot)}(${n})${p.slice(dot)}` : `${p}(${n})`;
  });
}
