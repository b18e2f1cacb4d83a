import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('config', () => {
  it('has working defaults: demo mode on the embedded database', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, demo: true, demoHistory: true, production: false, databaseUrl: undefined });
    expect(loadConfig({ HATCHERY_DEMO_HISTORY: 'false' }).demoHistory).toBe(false);
  });

  const productionKeys = { AUDIT_MAC_KEY: 'a'.repeat(64), DATA_ENCRYPTION_KEY: 'b'.repeat(64) };

  it('turns demo data off in production and refuses to start with it on, naming the variable', () => {
    expect(loadConfig({ NODE_ENV: 'production', ...productionKeys }).demo).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', HATCHERY_DEMO: 'true', ...productionKeys })).toThrow(/HATCHERY_DEMO/);
  });

  it('refuses production without the audit MAC and encryption keys, naming each', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUDIT_MAC_KEY[\s\S]*DATA_ENCRYPTION_KEY/);
    expect(() => loadConfig({ NODE_ENV: 'production', AUDIT_MAC_KEY: 'short' })).toThrow(/AUDIT_MAC_KEY: must be at least 32 bytes/);
  });

  it('never echoes a key or a connection string in its error', () => {
    expect(() => loadConfig({ AUDIT_MAC_KEY: 'c2VjcmV0' })).toThrow(/AUDIT_MAC_KEY/);
    expect(() => loadConfig({ AUDIT_MAC_KEY: 'c2VjcmV0' })).not.toThrow(/c2VjcmV0/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u:hunter2@x' })).not.toThrow(/hunter2/);
  });

  it('binds 127.0.0.1 outside production and every interface in production, unless HOST says otherwise', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'production', ...productionKeys }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('trusts no proxy by default and only the listed ones when TRUST_PROXY is set', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,loopback' }).trustProxy).toEqual(['10.0.0.1', '192.168.0.0/16', 'loopback']);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['SMTP_URL', 'http://mail'],
    ['NODE_ENV', 'staging'],
    ['HATCHERY_DEMO', 'yes'],
    ['HATCHERY_DEMO_HISTORY', 'sometimes'],
    ['LOGIN_MAX_FAILURES', '0'],
  ])('refuses a bad %s naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(3000);
  });
});

describe('scale-out settings', () => {
  const base = { NODE_ENV: 'test', HATCHERY_DATA_DIR: '/tmp/x' };
  it('size the PostgreSQL pool from DATABASE_POOL_SIZE, 10 by default, refusing nonsense by name', () => {
    expect(loadConfig(base).databasePoolSize).toBe(10);
    expect(loadConfig({ ...base, DATABASE_POOL_SIZE: '40' }).databasePoolSize).toBe(40);
    expect(() => loadConfig({ ...base, DATABASE_POOL_SIZE: '1' })).toThrow(/DATABASE_POOL_SIZE/);
  });
  it('take object storage all or nothing, naming each missing variable', () => {
    expect(() => loadConfig({ ...base, S3_BUCKET: 'attachments' })).toThrow(/S3_ENDPOINT: 使用对象存储时必填.*\n.*S3_ACCESS_KEY_ID[\s\S]*S3_SECRET_ACCESS_KEY/);
    expect(loadConfig(base).storage).toEqual({ kind: 'disk' });
  });
  it('refuse a bad endpoint or bucket name by name, and never echo the secret key', () => {
    const full = { ...base, S3_ENDPOINT: 'http://minio:9000/', S3_BUCKET: 'attachments', S3_ACCESS_KEY_ID: 'AK', S3_SECRET_ACCESS_KEY: 'very-secret' };
    expect(loadConfig(full).storage).toEqual({ kind: 's3', endpoint: 'http://minio:9000', bucket: 'attachments', accessKeyId: 'AK', secretAccessKey: 'very-secret', region: 'us-east-1', forcePathStyle: true });
    expect(() => loadConfig({ ...full, S3_ENDPOINT: 'ftp://minio' })).toThrow(/S3_ENDPOINT/);
    expect(() => loadConfig({ ...full, S3_BUCKET: 'Bad_Bucket' })).toThrow(/S3_BUCKET/);
    expect(() => loadConfig({ ...full, S3_FORCE_PATH_STYLE: 'maybe' })).toThrow(/S3_FORCE_PATH_STYLE/);
    expect(() => loadConfig({ ...base, S3_SECRET_ACCESS_KEY: 'very-secret' })).toThrow(/S3_ENDPOINT[\s\S]*S3_BUCKET[\s\S]*S3_ACCESS_KEY_ID/);
    expect(() => loadConfig({ ...base, S3_SECRET_ACCESS_KEY: 'very-secret' })).not.toThrow(/very-secret/);
  });
});
