import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Config } from '../../config.ts';

/**
 * TOTP secrets at rest: AES-256-GCM under a key derived from DATA_ENCRYPTION_KEY (never in the
 * database), with the user's id as additional data so a sealed secret copied onto another account
 * does not open. Stored as `v1:<iv>.<tag>.<ciphertext>` (base64url). Anything else is a secret from
 * before encryption (`sealPlainTotpSecrets` seals those at start).
 */
export const SEALED_PREFIX = 'v1:';
const BASE32 = /^[A-Z2-7]+$/;

const derived = new WeakMap<Buffer, Buffer>();

function totpKey(config: Config): Buffer {
  const master = config.keys.dataEncryption;
  if (!master) throw new Error('the data encryption key is missing (openContext fills it in outside production)');
  let key = derived.get(master);
  if (!key) {
    // A key of its own per use, and any master length of 32 bytes or more gives the 32 AES-256 needs.
    key = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'hatchery/totp-secret/v1', 32));
    derived.set(master, key);
  }
  return key;
}

const isSealed = (stored: string) => stored.startsWith(SEALED_PREFIX);

export function sealTotpSecret(config: Config, userId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', totpKey(config), iv).setAAD(Buffer.from(userId));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `${SEALED_PREFIX}${[iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url')).join('.')}`;
}

/** The base32 secret; throws when the stored value was tampered with, belongs to another user or another key. */
export function openTotpSecret(config: Config, userId: string, stored: string): string {
  if (!isSealed(stored)) {
    if (!BASE32.test(stored)) throw new Error('stored TOTP secret is neither sealed nor base32');
    return stored;
  }
  const [iv, tag, ciphertext] = stored.slice(SEALED_PREFIX.length).split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !ciphertext) throw new Error('malformed sealed TOTP secret');
  const decipher = createDecipheriv('aes-256-gcm', totpKey(config), iv).setAAD(Buffer.from(userId)).setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
}
