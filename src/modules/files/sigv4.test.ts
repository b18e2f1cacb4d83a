import { describe, expect, it } from 'vitest';
import { EMPTY_SHA256, amzDate, canonicalRequest, signedHeaders, uriEncode } from './sigv4.ts';

/** The "GET Object" example of the AWS S3 Signature Version 4 documentation (header-based auth). */
const EXAMPLE = {
  credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  region: 'us-east-1',
  date: new Date('2013-05-24T00:00:00Z'),
};

describe('AWS Signature Version 4', () => {
  it('signs the documented GET Object example to the documented signature', () => {
    const headers = signedHeaders(
      { method: 'GET', url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'), headers: { range: 'bytes=0-9' }, payloadHash: EMPTY_SHA256 },
      EXAMPLE.credentials,
      EXAMPLE.region,
      EXAMPLE.date,
    );
    expect(headers['x-amz-date']).toBe('20130524T000000Z');
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('builds the documented canonical request of that example', () => {
    const { text } = canonicalRequest({
      method: 'GET',
      path: '/test.txt',
      query: [],
      headers: { Host: 'examplebucket.s3.amazonaws.com', Range: 'bytes=0-9', 'x-amz-content-sha256': EMPTY_SHA256, 'x-amz-date': '20130524T000000Z' },
      payloadHash: EMPTY_SHA256,
    });
    expect(text).toBe(
      [
        'GET',
        '/test.txt',
        '',
        'host:examplebucket.s3.amazonaws.com',
        'range:bytes=0-9',
        `x-amz-content-sha256:${EMPTY_SHA256}`,
        'x-amz-date:20130524T000000Z',
        '',
        'host;range;x-amz-content-sha256;x-amz-date',
        EMPTY_SHA256,
      ].join('\n'),
    );
  });

  it('encodes paths and queries once, RFC 3986 style, and sorts the query', () => {
    const { text } = canonicalRequest({
      method: 'GET',
      path: '/bucket/a%20b/c*d',
      query: [['prefix', 'attachments/'], ['list-type', '2'], ['continuation-token', 'x+y=']],
      headers: { host: 'h' },
      payloadHash: EMPTY_SHA256,
    });
    expect(text.split('\n').slice(1, 3)).toEqual(['/bucket/a%20b/c%2Ad', 'continuation-token=x%2By%3D&list-type=2&prefix=attachments%2F']);
    expect(uriEncode("(!')")).toBe('%28%21%27%29');
    expect(amzDate(new Date('2026-12-04T02:03:04.567Z'))).toBe('20261204T020304Z');
  });
});
