import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '@kairos/domain/errors';
import type { Locale } from '@kairos/domain/locale';
import { pickLocale } from '@kairos/domain/locale';
import type { Actor } from '@kairos/domain/policy';
import type { Permission } from '@kairos/domain/roles';
import type { Core, RequestContext } from '../core';
import { safeEqual } from '../ids';
import { findLiveSession, type NewSession } from '../features/auth/sessions.service';
import { resolveToken } from '../features/tokens/tokens.service';
import { forgetActorsOf, loadActor } from '../features/users/users.service';

export const SESSION_COOKIE = 'kairos_session';
export const CSRF_COOKIE = 'kairos_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface RequestAuth {
  actor: Actor;
  locale: Locale;
  via: 'session' | 'token';
  sessionId: string | null;
  accountId: string | null;
  csrfToken: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the caller from the session cookie or a bearer token on every API request, and checks CSRF
 * for cookie-authenticated writes: the Origin must be ours and the X-CSRF-Token header must match the
 * session's token. Bearer-token calls carry no ambient credentials, so they need neither.
 */
export function registerAuthentication(app: FastifyInstance, core: Core) {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    if (UNSAFE.has(request.method)) assertSameOrigin(request);

    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const member = await resolveToken(core, header.slice(7).trim());
      const loaded = member && (await loadActor(core.db, member.workspaceId, member.userId));
      if (!loaded) throw new AppError('token_invalid');
      request.auth = { actor: loaded.actor, locale: loaded.user.locale, via: 'token', sessionId: null, accountId: null, csrfToken: null };
      return;
    }

    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await findLiveSession(core, token);
    const loaded = session && (await loadActor(core.db, session.workspace_id, session.user_id));
    if (!session || !loaded) return;
    request.auth = { actor: loaded.actor, locale: loaded.user.locale, via: 'session', sessionId: session.id, accountId: session.account_id, csrfToken: session.csrf_token };
    if (UNSAFE.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, session.csrf_token)) throw new AppError('csrf_failed');
    }
  });
  // Members are cached per instance for a second: a change to members, roles or departments, once
  // handled (and so committed), drops the workspace's members here before the answer goes out.
  app.addHook('onSend', async (request) => {
    if (request.auth && UNSAFE.has(request.method) && MEMBERSHIP_WRITES.test(request.url)) forgetActorsOf(request.auth.actor.workspaceId);
  });
}

const MEMBERSHIP_WRITES = /^\/api\/(users|departments|roles|auth\/me)(\/|\?|$)/;

function assertSameOrigin(request: FastifyRequest) {
  const origin = request.headers.origin;
  if (!origin) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new AppError('csrf_failed');
  }
  const forwarded = request.headers['x-forwarded-host'];
  const expected = [request.headers.host, typeof forwarded === 'string' ? forwarded : undefined].filter(Boolean);
  if (!expected.includes(host)) throw new AppError('csrf_failed');
}

/** The signed-in caller as a service context; 401 when nobody is signed in. */
export function contextOf(request: FastifyRequest): RequestContext {
  if (!request.auth) throw new AppError('unauthenticated');
  const header = request.headers['accept-language'];
  return { actor: request.auth.actor, requestId: request.id, locale: pickLocale(typeof header === 'string' ? header : undefined, request.auth.locale) };
}

/** For routes that are whole-area admin pages: fail early with 403 before touching any data. */
export function requirePermission(ctx: RequestContext, permission: Permission): void {
  if (!ctx.actor.permissions.has(permission)) throw new AppError('forbidden');
}

export function setSessionCookies(request: FastifyRequest, reply: FastifyReply, session: NewSession) {
  const secure = request.protocol === 'https';
  reply.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: session.expiresAt });
  // Readable by the UI so it can send the header after a reload; useless to another origin.
  reply.setCookie(CSRF_COOKIE, session.csrfToken, { path: '/', httpOnly: false, sameSite: 'lax', secure, expires: session.expiresAt });
}

export function clearSessionCookies(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

export function clientOf(request: FastifyRequest) {
  const agent = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof agent === 'string' ? agent : null };
}
