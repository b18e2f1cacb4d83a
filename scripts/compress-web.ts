/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside every compressible file of the built web
 * app, once at build time, so the server sends them as they are (@fastify/static `preCompressed`)
 * instead of compressing on every request or sending the main script uncompressed.
 * `npm run build` and `npm start` run it after `vite build`; run alone: `tsx scripts/compress-web.ts [dir]`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Text formats; images and fonts of the build are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|xml|map|webmanifest)$/;
/** Below this a compressed copy saves less than the headers it costs. */
const MIN_BYTES = 1024;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

/** Compresses every compressible file under `dir`; returns how many files got copies. */
export async function compressWebBuild(dir: string): Promise<number> {
  const files = filesUnder(dir).filter((f) => COMPRESSIBLE.test(f) && fs.statSync(f).size >= MIN_BYTES);
  await Promise.all(
    files.map(async (file) => {
      const data = await fs.promises.readFile(file);
      const [br, gz] = await Promise.all([
        brotli(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
        gzip(data, { level: zlib.constants.Z_BEST_COMPRESSION }),
      ]);
      // A copy no smaller than the file is not worth choosing; the server falls back to the file.
      if (br.length < data.length) await fs.promises.writeFile(`${file}.br`, br);
      if (gz.length < data.length) await fs.promises.writeFile(`${file}.gz`, gz);
    }),
  );
  return files.length;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../dist/web'));
  const count = await compressWebBuild(dir);
  console.log(`compressed ${count} files under ${path.relative(process.cwd(), dir) || '.'} (.br, .gz)`);
}
