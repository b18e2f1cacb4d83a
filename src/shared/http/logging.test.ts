import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { mobilesIn } from '../../../test/helpers/redaction.ts';
import { loggerOptions } from './logging.ts';

/** A server logging with our options into a string. */
function logged() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const options = loggerOptions('info') as Exclude<ReturnType<typeof loggerOptions>, boolean | undefined>;
  const app = Fastify({ logger: { ...options, stream } });
  return { app, text: () => lines.join('') };
}

describe('the server log (SECURITY-CHECKLIST 13, 18)', () => {
  it('prints personal fields masked wherever they sit in a logged object', () => {
    const { app, text } = logged();
    app.log.info({ contactMobile: '13812341234', body: { contact: '13912345678', basicInfo: { legalRepresentativePhone: '024-83232116' } }, idNumber: '11010519491231002X' }, 'saved');
    expect(mobilesIn(text())).toEqual([]);
    expect(text()).not.toContain('83232116');
    expect(text()).not.toContain('11010519491231002X');
    expect(text()).toContain('138****1234');
  });

  it('scrubs request URLs, error messages, database details and log messages', async () => {
    const { app, text } = logged();
    app.get('/boom', async () => {
      const pg = Object.assign(new Error('duplicate key value violates unique constraint "users_mobile_uq"'), { code: '23505', detail: 'Key (mobile)=(13812341234) already exists.' });
      throw new Error('Failed query: insert into users … params: 13812341234,11010519491231002X', { cause: pg });
    });
    expect((await app.inject('/boom?q=13912345678')).statusCode).toBe(500);
    app.log.warn('could not reach 13700001111');
    expect(mobilesIn(text())).toEqual([]);
    expect(text()).not.toContain('11010519491231002X');
    expect(text()).toContain('Key (mobile)=(138****1234) already exists.');
    expect(text()).toContain('q=139****5678');
  });
});
