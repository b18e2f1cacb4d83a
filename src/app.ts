import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppContext } from './app-context.ts';
import { ABILITY_KEYS, cachedAbilitiesFor } from './http/abilities.ts';
import { modules } from './modules/index.ts';
import { databaseRateLimitStore } from './modules/ratelimit/index.ts';
import { AppError } from './shared/errors.ts';
import { loggerOptions } from './shared/http/logging.ts';
import { registerAuthHook } from './http/auth-hook.ts';
import { errorHandler } from './http/error-handler.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { registerRegionScope } from './shared/http/region-scope.ts';
import { registerStrictInput } from './shared/http/strict-input.ts';
import { VERSION } from './shared/version.ts';

export const webDistDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/web');

export interface BuildOptions {
  /** Serve the built web app (off in API tests). */
  serveWeb?: boolean;
  /** Where the built web app is; `dist/web` unless a test serves its own. */
  webDir?: string;
  logger?: boolean;
}

/**
 * Composes the app: external plugins, then our hooks and error handler, then every domain module
 * under /api, then the web app. Nothing here knows a domain's rules.
 */
export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false ? false : loggerOptions(ctx.config.logLevel),
    // Only listed proxies may set the client address (X-Forwarded-For); off by default.
    trustProxy: ctx.config.trustProxy.length ? ctx.config.trustProxy : false,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    ajv: { customOptions: { removeAdditional: false } },
    // A URL Fastify cannot decode (`%E0%A4%A`) is refused before routing, where no hooks run: answer
    // it like any other bad request, uncached like every API answer.
    frameworkErrors: (error, req, reply) => errorHandler(error, req, reply.header('cache-control', 'no-store')),
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('ctx', ctx);
  app.decorate('abilitiesFor', cachedAbilitiesFor);
  app.decorate('abilityKeys', ABILITY_KEYS);
  // Kept so the route-policy test can enumerate every registered route and its declared policy.
  const routeTable: RouteOptions[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    routeTable.push(route);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  await app.register(fastifyCookie);
  registerSecurityHeaders(app, ctx.config.production);
  // Counted in the database, so several instances share one limit (ARCHITECTURE.md: several instances).
  await app.register(fastifyRateLimit, { global: false, store: databaseRateLimitStore(ctx.db) });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Hatchery 众创空间备案与服务平台 API', version: VERSION },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'hatchery_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerAuthHook(app);
  registerRegionScope(app);
  registerStrictInput(app);
  // API answers carry personal and official data: no browser or proxy cache keeps them (downloads
  // set their own, equally strict header).
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  await app.register(
    async (api) => {
      for (const mod of modules) await api.register(mod.routes);
    },
    { prefix: '/api' },
  );

  app.get(
    '/api/openapi.json',
    { config: { policy: { kind: 'public', why: 'the API description is public' } }, schema: { hide: true } },
    async () => app.swagger(),
  );

  const serveWeb = opts.serveWeb ?? true;
  const webDir = opts.webDir ?? webDistDir;
  if (serveWeb && fs.existsSync(path.join(webDir, 'index.html'))) {
    await serveWebApp(app, webDir);
  } else {
    app.setNotFoundHandler((req, reply) => errorHandler(new AppError('NOT_FOUND'), req, reply));
  }

  return app;
}

/** Vite names everything under /assets by content hash: a changed file is a new URL. */
const HASHED_ASSETS = '/assets/';

/**
 * The built web app: each file answered from its precompressed copy when the browser accepts it
 * (brotli, then gzip; scripts/compress-web.ts writes them at build time), hashed assets cached for a
 * year and never revalidated, everything else revalidated on every use so a deployment shows at
 * once, and every other address outside /api and /assets answered with index.html for the router.
 */
async function serveWebApp(app: FastifyInstance, webDir: string) {
  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: false,
    index: false,
    preCompressed: true,
    // The copies are chosen by Accept-Encoding, never asked for by name.
    globIgnore: ['**/*.br', '**/*.gz'],
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      const hashed = path.relative(webDir, filePath).split(path.sep)[0] === HASHED_ASSETS.slice(1, -1);
      reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.setNotFoundHandler((req, reply) => {
    const page = (req.method === 'GET' || req.method === 'HEAD') && !req.url.startsWith('/api/') && !req.url.startsWith(HASHED_ASSETS);
    // A missing asset (an old chunk after a deployment) is a 404, not the app's HTML under a script's name.
    if (!page) return errorHandler(new AppError('NOT_FOUND'), req, reply);
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
}
