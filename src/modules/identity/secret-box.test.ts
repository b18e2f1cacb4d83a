import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../config.ts';
import { openTotpSecret, sealTotpSecret } from './secret-box.ts';
import { generateTotpSecret } from './totp.ts';

const withKey = (key: Buffer): Config => ({ ...loadConfig({ NODE_ENV: 'test' }), keys: { auditMac: randomBytes(32), dataEncryption: key } });
const config = withKey(randomBytes(32));
const secret = generateTotpSecret();

describe('TOTP secrets at rest (AES-256-GCM)', () => {
  it('seals to a value that holds no trace of the secret and opens back to it', () => {
    const sealed = sealTotpSecret(config, 'user-a', secret);
    expect(sealed).toMatch(/^v1:[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain(secret);
    expect(sealed).not.toContain(Buffer.from(secret).toString('base64url'));
    expect(sealTotpSecret(config, 'user-a', secret)).not.toBe(sealed);
    expect(openTotpSecret(config, 'user-a', sealed)).toBe(secret);
  });

  it('does not open for another account, under another key, or once tampered with', () => {
    const sealed = sealTotpSecret(config, 'user-a', secret);
    expect(() => openTotpSecret(config, 'user-b', sealed)).toThrow();
    expect(() => openTotpSecret(withKey(randomBytes(32)), 'user-a', sealed)).toThrow();
    const body = sealed.slice(-4);
    const flipped = `${sealed.slice(0, -4)}${body === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    expect(() => openTotpSecret(config, 'user-a', flipped)).toThrow();
    expect(() => openTotpSecret(config, 'user-a', 'v1:garbage')).toThrow();
  });

  it('reads a secret stored in clear before encryption, and nothing else unsealed', () => {
    expect(openTotpSecret(config, 'user-a', secret)).toBe(secret);
    expect(() => openTotpSecret(config, 'user-a', 'not a secret')).toThrow();
  });
});
