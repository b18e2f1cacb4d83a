import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentRegionPath } from '../../db/scope.ts';
import type { Actor } from '../actor.ts';
import { publicRoute, signedIn } from './policy.ts';
import { registerRegionScope } from './region-scope.ts';

/**
 * The request scope the database connections carry (src/db/scope.ts): it reaches the handler after
 * body parsing and awaits, narrows only for a governing actor on a signed-in route, and ends with
 * the request.
 */
let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify();
  app.decorateRequest('actor', null);
  // Stands in for the auth hook: the actor's jurisdiction comes from a header.
  app.addHook('preValidation', async (req) => {
    const path = req.headers['x-jurisdiction'];
    if (typeof path === 'string') req.actor = { jurisdictionPath: path || null } as Actor;
  });
  registerRegionScope(app);
  const handler = async () => {
    await new Promise((r) => setTimeout(r, 5));
    return { path: currentRegionPath() };
  };
  app.post('/signed-in', { config: { policy: signedIn('test') } }, handler);
  app.post('/public', { config: { policy: publicRoute('test') } }, handler);
  await app.ready();
});
afterAll(() => app.close());

const pathOf = async (url: string, jurisdiction?: string) =>
  (
    await app.inject({ method: 'POST', url, payload: { some: 'body' }, headers: jurisdiction === undefined ? {} : { 'x-jurisdiction': jurisdiction } })
  ).json<{ path: string }>().path;

describe('request region scope', () => {
  it('is the actor’s jurisdiction on signed-in routes and the whole country elsewhere', async () => {
    const results = await Promise.all([
      pathOf('/signed-in', '000000/210000'),
      pathOf('/signed-in', '000000/320000/320100'),
      pathOf('/signed-in'),
      pathOf('/signed-in', ''),
      pathOf('/public', '000000/210000'),
    ]);
    expect(results).toEqual(['000000/210000', '000000/320000/320100', '000000', '000000', '000000']);
    expect(currentRegionPath()).toBe('000000');
  });
});
