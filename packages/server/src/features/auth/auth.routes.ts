import { ChangePasswordSchema, LoginRequestSchema, MeSchema, UpdateProfileSchema } from '@kairos/domain/auth';
import { ProblemSchema } from '@kairos/domain/common';
import { AppError } from '@kairos/domain/errors';
import type { Core } from '../../core';
import { clearSessionCookies, clientOf, contextOf, SESSION_COOKIE, setSessionCookies } from '../../http/auth';
import { NoContent, problems, typed, type App } from '../../http/types';
import { updateProfile } from '../users/users.service';
import { buildMe, changePassword, login } from './auth.service';
import { endSession } from './sessions.service';

export function registerAuthRoutes(app: App, core: Core) {
  const r = typed(app);
  r.post(
    '/api/auth/login',
    { schema: { tags: ['auth'], summary: 'Sign in with e-mail and password (sets the session cookie)', body: LoginRequestSchema, response: { 200: MeSchema, 401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema, 429: ProblemSchema } } },
    async (request, reply) => {
      const { session, me } = await login(core, request.body, clientOf(request));
      setSessionCookies(request, reply, session);
      return me;
    },
  );

  r.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'Sign out of this session', response: { 204: NoContent } } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await endSession(core, token);
    clearSessionCookies(reply);
    return reply.code(204).send(null);
  });

  r.get('/api/auth/me', { schema: { tags: ['auth'], summary: 'The signed-in member, their workspace and permissions', response: { 200: MeSchema, 401: ProblemSchema } } }, async (request) => {
    const ctx = contextOf(request);
    return buildMe(core, ctx.actor, request.auth?.csrfToken ?? null);
  });

  r.patch('/api/auth/me', { schema: { tags: ['auth'], summary: 'Change own name or language', body: UpdateProfileSchema, response: { 200: MeSchema, ...problems } } }, async (request) => {
    const ctx = contextOf(request);
    await updateProfile(core, ctx, request.body);
    return buildMe(core, ctx.actor, request.auth?.csrfToken ?? null);
  });

  r.post(
    '/api/auth/password',
    { schema: { tags: ['auth'], summary: 'Change own password; other sessions are signed out', body: ChangePasswordSchema, response: { 204: NoContent, ...problems } } },
    async (request, reply) => {
      const ctx = contextOf(request);
      if (!request.auth?.accountId) {
        // API tokens act for a member but may not change the member's password.
        throw new AppError('forbidden');
      }
      await changePassword(core, ctx, request.auth.accountId, request.auth.sessionId, request.body);
      return reply.code(204).send(null);
    },
  );
}
