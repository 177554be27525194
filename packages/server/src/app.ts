import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, validatorCompiler } from '@fastify/type-provider-zod';
import { serializerCompiler } from './http/serializer';
import type { Core } from './core';
import { newId } from './ids';
import { pingDatabase } from './db/connect';
import { registerAuthentication } from './http/auth';
import { registerErrorHandling, sendProblem } from './http/problem';
import { registerAuditRoutes } from './features/audit/audit.routes';
import { registerAuthRoutes } from './features/auth/auth.routes';
import { registerCustomerRoutes } from './features/customers/customers.routes';
import { registerFollowUpRoutes } from './features/followups/followups.routes';
import { registerContactRoutes } from './features/contacts/contacts.routes';
import { registerDuplicateRoutes } from './features/duplicates/duplicates.routes';
import { registerTimelineRoutes } from './features/timeline/timeline.routes';
import { registerOpportunityRoutes } from './features/opportunities/opportunities.routes';
import { registerPipelineRoutes } from './features/pipelines/pipelines.routes';
import { registerBoardRoutes } from './features/board/board.routes';
import { registerSearchRoutes } from './features/search/search.routes';
import { registerCommentRoutes } from './features/comments/comments.routes';
import { registerCustomFieldRoutes } from './features/custom-fields/custom-fields.routes';
import { registerViewRoutes } from './features/views/views.routes';
import { registerNotificationRoutes } from './features/notifications/notifications.routes';
import { registerFieldAccess } from './features/field-access/field-access.hooks';
import { registerFieldAccessRoutes } from './features/field-access/field-access.routes';
import { registerFileRoutes } from './features/files/files.routes';
import { registerDepartmentRoutes } from './features/departments/departments.routes';
import { registerInvitationRoutes } from './features/invitations/invitations.routes';
import { registerRoleRoutes } from './features/roles/roles.routes';
import { registerSetupRoutes } from './features/setup/setup.routes';
import { registerWorkspaceSettingsRoutes } from './features/setup/workspace-settings.routes';
import { registerTokenRoutes } from './features/tokens/tokens.routes';
import { registerUserRoutes } from './features/users/users.routes';

const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

// A strict policy: no inline scripts, nothing from elsewhere. Ant Design injects styles at run time, hence style-src 'unsafe-inline'.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/**
 * Counts route handlers still running. A client that hangs up does not stop its handler (and Fastify then
 * runs no onResponse hook), so shutdown waits for this to reach zero before closing the database under it.
 */
function trackInFlight(app: FastifyInstance) {
  let inFlight = 0;
  app.decorate('inFlight', () => inFlight);
  app.addHook('onRoute', (route) => {
    const handler = route.handler;
    route.handler = async function tracked(this: FastifyInstance, request, reply) {
      inFlight += 1;
      try {
        return await handler.call(this, request, reply);
      } finally {
        inFlight -= 1;
      }
    };
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    inFlight(): number;
  }
}

/** The HTTP application over a core. Never listens: main.ts does, and tests use `app.inject()`. */
export async function buildApp(core: Core, options: { serveWeb?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: core.logger as FastifyBaseLogger,
    trustProxy: core.config.trustProxy,
    bodyLimit: core.config.bodyLimit,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : newId();
    },
    // Slow or stalled clients must not hold connections open for ever.
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    // Requests Node's parser rejects (bad characters in the URL, broken headers) get problem+json too.
    clientErrorHandler: (error, socket) => {
      if (!socket.writable) return;
      const body = JSON.stringify({ type: 'https://kairos.dev/problems/bad-request', title: 'Bad Request', status: 400, code: 'bad_request', detail: error.message });
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    },
  });
  trackInFlight(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON bodies: a text/plain "JSON" POST from another site is refused before any handler runs.
  app.removeContentTypeParser(['text/plain']);
  registerErrorHandling(app);

  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'same-origin');
    reply.header('X-Frame-Options', 'DENY');
    if (!request.url.startsWith('/api/docs')) reply.header('Content-Security-Policy', CSP);
    if (request.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Kairos API', version: '0.1.0', description: 'Opportunity management (商机管理). Authenticate with the session cookie or `Authorization: Bearer <token>`.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'kairos_session' } } },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    if (await pingDatabase(core.db)) return { status: 'ready' };
    return sendProblem(reply, request, 'unavailable');
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerAuthentication(app, core);
  registerFieldAccess(app, core);
  registerSetupRoutes(app, core);
  registerAuthRoutes(app, core);
  registerUserRoutes(app, core);
  registerDepartmentRoutes(app, core);
  registerRoleRoutes(app, core);
  registerTokenRoutes(app, core);
  registerInvitationRoutes(app, core);
  registerAuditRoutes(app, core);
  registerWorkspaceSettingsRoutes(app, core);
  registerCustomerRoutes(app, core);
  registerFollowUpRoutes(app, core);
  registerContactRoutes(app, core);
  registerDuplicateRoutes(app, core);
  registerTimelineRoutes(app, core);
  registerPipelineRoutes(app, core);
  registerBoardRoutes(app, core);
  registerOpportunityRoutes(app, core);
  registerSearchRoutes(app, core);
  registerCommentRoutes(app, core);
  registerCustomFieldRoutes(app, core);
  registerViewRoutes(app, core);
  registerNotificationRoutes(app, core);
  registerFieldAccessRoutes(app, core);
  registerFileRoutes(app, core);

  const webDist = core.config.webDist ?? DEFAULT_WEB_DIST;
  const serveWeb = options.serveWeb !== false && existsSync(join(webDist, 'index.html'));
  if (serveWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false, maxAge: '1h', index: false });
  // Client-side routes (/users, /invite/…) all load the single page; API paths and missing files keep their 404.
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (!serveWeb || request.method !== 'GET' || path.startsWith('/api/') || /\.\w+$/.test(path)) {
      return sendProblem(reply, request, 'route_not_found');
    }
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  });
  return app;
}
