import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../shared/errors.ts';
import type { Config, StorageConfig } from '../../config.ts';
import { S3Client } from './s3.ts';
import type { FileKind } from './schema.ts';

interface FileType {
  extensions: readonly string[];
  mimeType: string;
  /** The bytes every file of this kind starts with. */
  magic: Buffer;
  /**
   * Byte strings that must occur somewhere in the file. Office documents are ZIP archives; the
   * names of their parts are stored uncompressed, so `word/…` or `xl/…` tell them from a plain ZIP.
   */
  markers?: readonly Buffer[];
}

const ZIP = Buffer.from('PK\x03\x04', 'latin1');
const OOXML = Buffer.from('[Content_Types].xml', 'latin1');

export const FILE_TYPES: Record<FileKind, FileType> = {
  pdf: { extensions: ['.pdf'], mimeType: 'application/pdf', magic: Buffer.from('%PDF-', 'latin1') },
  jpeg: { extensions: ['.jpg', '.jpeg'], mimeType: 'image/jpeg', magic: Buffer.from([0xff, 0xd8, 0xff]) },
  png: { extensions: ['.png'], mimeType: 'image/png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  docx: {
    extensions: ['.docx'],
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: ZIP,
    markers: [OOXML, Buffer.from('word/', 'latin1')],
  },
  xlsx: {
    extensions: ['.xlsx'],
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    magic: ZIP,
    markers: [OOXML, Buffer.from('xl/', 'latin1')],
  },
  zip: { extensions: ['.zip'], mimeType: 'application/zip', magic: ZIP },
};

/** The kind the extension promises, or null when the extension is not on the allowlist. */
export function kindFromName(name: string): FileKind | null {
  const ext = path.extname(name).toLowerCase();
  const hit = Object.entries(FILE_TYPES).find(([, t]) => t.extensions.includes(ext));
  return hit ? (hit[0] as FileKind) : null;
}

const MAX_NAME_CHARS = 200;

/**
 * The client's file name as metadata only: no directories, no control or bidi-override characters,
 * NFC, at most 200 characters with the extension kept. Never used as a path.
 */
export function sanitiseFileName(raw: string, kind: FileKind): string {
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  let name = base.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  name = name.replace(/^\.+/, '');
  const ext = path.extname(name);
  const chars = [...name];
  if (chars.length > MAX_NAME_CHARS) name = chars.slice(0, MAX_NAME_CHARS - [...ext].length).join('') + ext;
  return name && name !== ext ? name : `file${FILE_TYPES[kind].extensions[0]}`;
}

/** Checks what a file's bytes say against what its extension promised, while they stream past. */
class Inspector extends Transform {
  private head = Buffer.alloc(0);
  private tail = Buffer.alloc(0);
  private readonly pending: Buffer[];
  private readonly overlap: number;
  readonly hash = createHash('sha256');
  bytes = 0;
  tooLarge = false;

  constructor(
    private readonly type: FileType,
    private readonly maxBytes: number,
  ) {
    super();
    this.pending = [...(type.markers ?? [])];
    this.overlap = Math.max(0, ...this.pending.map((m) => m.length - 1));
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null, data?: Buffer) => void) {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      this.tooLarge = true;
      done(new AppError('FILE_TOO_LARGE'));
      return;
    }
    if (this.head.length < this.type.magic.length) this.head = Buffer.concat([this.head, chunk]).subarray(0, this.type.magic.length);
    if (this.pending.length) {
      const window = Buffer.concat([this.tail, chunk]);
      for (let i = this.pending.length - 1; i >= 0; i--) if (window.includes(this.pending[i]!)) this.pending.splice(i, 1);
      this.tail = window.subarray(Math.max(0, window.length - this.overlap));
    }
    this.hash.update(chunk);
    done(null, chunk);
  }

  get matches(): boolean {
    return this.head.equals(this.type.magic) && this.pending.length === 0;
  }
}

export interface StoredFile {
  storageName: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * Where attachment bytes live, by storage name: the local disk (the default) or an S3-compatible
 * bucket (S3_* settings), which every instance of a scaled-out deployment reads alike. Uploads are
 * checked in the local spool either way (`.incoming`), and enter the store only when complete.
 */
export interface AttachmentStore {
  /** Takes a complete, checked upload from the local spool into the store (the disk moves it, a bucket copies it). */
  put(spooled: string, file: StoredFile): Promise<void>;
  /** The stored bytes as a stream; rejects when they are missing. */
  open(storageName: string): Promise<Readable>;
  /** Removes the bytes; gone already is no error. */
  remove(storageName: string): Promise<void>;
  exists(storageName: string): Promise<boolean>;
  /** Every stored name with the time (ms) it was last written, in no particular order. */
  list(): AsyncIterable<{ storageName: string; modifiedMs: number }>;
}

/** Attachments live in `<dataDir>/files`, outside anything served over HTTP. */
export const filesDir = (dataDir: string) => path.join(dataDir, 'files');
export const storagePath = (dataDir: string, storageName: string) => path.join(filesDir(dataDir), storageName);
/** Uploads being written; moved into the store only when complete and checked. */
export const incomingDir = (dataDir: string) => path.join(filesDir(dataDir), '.incoming');

/**
 * Storage names (paths relative to the store, `/`-separated) of every stored file on the disk,
 * sorted; entries whose name starts with a dot (`.incoming` and anything below it) are not stored
 * attachments.
 */
export function listStored(dataDir: string): string[] {
  const root = filesDir(dataDir);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)).split(path.sep))
    .filter((segments) => segments.every((s) => !s.startsWith('.')))
    .map((segments) => segments.join('/'))
    .sort();
}

function diskStore(dataDir: string): AttachmentStore {
  const at = (storageName: string) => storagePath(dataDir, storageName);
  return {
    put: (spooled, file) => fs.promises.rename(spooled, at(file.storageName)),
    open: async (storageName) => {
      const stream = fs.createReadStream(at(storageName));
      // Opening fails asynchronously; wait for it so a missing file is a logged 500, not a broken stream.
      await new Promise<void>((resolve, reject) => stream.once('open', () => resolve()).once('error', reject));
      return stream;
    },
    remove: (storageName) => fs.promises.rm(at(storageName), { force: true }),
    exists: async (storageName) => fs.existsSync(at(storageName)),
    list: async function* () {
      for (const storageName of listStored(dataDir)) {
        const stat = fs.statSync(at(storageName), { throwIfNoEntry: false });
        if (stat) yield { storageName, modifiedMs: stat.mtimeMs };
      }
    },
  };
}

/** Objects go under this prefix, so the sweep never touches anything else a bucket holds. */
export const S3_PREFIX = 'attachments/';

function s3Store(config: Extract<StorageConfig, { kind: 's3' }>): AttachmentStore {
  const client = new S3Client(config);
  return {
    put: (spooled, file) => client.putFile(S3_PREFIX + file.storageName, spooled, file.sizeBytes, file.sha256),
    open: (storageName) => client.get(S3_PREFIX + storageName),
    remove: (storageName) => client.delete(S3_PREFIX + storageName),
    exists: (storageName) => client.exists(S3_PREFIX + storageName),
    list: async function* () {
      for await (const o of client.list(S3_PREFIX)) yield { storageName: o.key.slice(S3_PREFIX.length), modifiedMs: o.modifiedMs };
    },
  };
}

/** The configured store; holds no state of its own, so making one per use costs nothing. */
export function attachmentStore(config: Pick<Config, 'dataDir' | 'storage'>): AttachmentStore {
  return config.storage.kind === 's3' ? s3Store(config.storage) : diskStore(config.dataDir);
}

/**
 * Streams an upload to a temporary file in the local spool, checking size, signature and hash on
 * the way, then hands it to the store under a server-generated name. On any failure nothing is left.
 */
export async function storeUpload(config: Pick<Config, 'dataDir' | 'storage'>, source: Readable, kind: FileKind, maxBytes: number): Promise<StoredFile> {
  const tmpDir = incomingDir(config.dataDir);
  await fs.promises.mkdir(tmpDir, { recursive: true });
  const storageName = randomUUID();
  const tmp = path.join(tmpDir, `${storageName}.part`);
  const inspector = new Inspector(FILE_TYPES[kind], maxBytes);
  // flush: the bytes reach the disk before the rename, so a row committed after it never names an
  // empty file, even after a power loss.
  const sink = fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600, flush: true });
  let stored: StoredFile;
  try {
    await pipeline(source, inspector, sink);
    if (inspector.bytes === 0) throw new AppError('FILE_TYPE_REFUSED', { zh: '文件为空', en: 'The file is empty' });
    if (!inspector.matches)
      throw new AppError('FILE_TYPE_REFUSED', {
        zh: '文件内容与扩展名不符，或不是允许的文件类型',
        en: 'The file content does not match its extension, or the type is not accepted',
      });
    stored = { storageName, sizeBytes: inspector.bytes, sha256: inspector.hash.digest('hex') };
  } catch (err) {
    // A pipeline torn down early can find the file still opening, which creates it afterwards: wait
    // for the close before removing it.
    if (!sink.closed) await new Promise<void>((resolve) => sink.once('close', () => resolve()));
    await fs.promises.rm(tmp, { force: true });
    // The pipeline reports the size error from whichever stream it tore down first.
    throw inspector.tooLarge ? new AppError('FILE_TOO_LARGE') : err;
  }
  try {
    await attachmentStore(config).put(tmp, stored);
  } finally {
    // Copied into a bucket, or not stored at all: the spool keeps nothing either way.
    await fs.promises.rm(tmp, { force: true });
  }
  return stored;
}
