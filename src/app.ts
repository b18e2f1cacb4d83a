import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
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
import { ABILITY_KEYS, abilitiesFor } from './http/abilities.ts';
import { modules } from './modules/index.ts';
import { AppError } from './shared/errors.ts';
import { loggerOptions } from './shared/http/logging.ts';
import { registerAuthHook } from './http/auth-hook.ts';
import { errorHandler } from './http/error-handler.ts';
import { registerRegionScope } from './shared/http/region-scope.ts';
import { registerStrictInput } from './shared/http/strict-input.ts';
import { VERSION } from './shared/version.ts';

export const webDistDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/web');

export interface BuildOptions {
  /** Serve the built web app (off in API tests). */
  serveWeb?: boolean;
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
  app.decorate('abilitiesFor', abilitiesFor);
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
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects component styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: ctx.config.production ? [] : null,
      },
    },
    hsts: ctx.config.production ? { maxAge: 31536000, includeSubDomains: true } : false,
  });
  await app.register(fastifyRateLimit, { global: false });

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
  const indexHtml = path.join(webDistDir, 'index.html');
  if (serveWeb && fs.existsSync(indexHtml)) {
    await app.register(fastifyStatic, { root: webDistDir, wildcard: false, index: false });
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/') || req.method !== 'GET') return errorHandler(new AppError('NOT_FOUND'), req, reply);
      return reply.type('text/html').sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler((req, reply) => errorHandler(new AppError('NOT_FOUND'), req, reply));
  }

  return app;
}
