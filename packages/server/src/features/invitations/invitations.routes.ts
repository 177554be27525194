import { z } from 'zod';
import { MeSchema } from '@kairos/domain/auth';
import { ProblemSchema } from '@kairos/domain/common';
import { AcceptInvitationSchema, CreateInvitationSchema, CreatedInvitationSchema, InvitationPreviewSchema, InvitationSchema } from '@kairos/domain/users';
import type { Core } from '../../core';
import { clientOf, contextOf, setSessionCookies } from '../../http/auth';
import { IdParams, NoContent, problems, typed, type App } from '../../http/types';
import { buildMe } from '../auth/auth.service';
import { loadActor } from '../users/users.service';
import { acceptInvitation, createInvitation, listInvitations, previewInvitation, revokeInvitation } from './invitations.service';

const TokenParams = z.object({ token: z.string().min(10).max(100) });

export function registerInvitationRoutes(app: App, core: Core) {
  const r = typed(app);
  const tags = ['invitations'];
  r.get('/api/invitations', { schema: { tags, summary: 'Open invitations', response: { 200: z.object({ items: z.array(InvitationSchema), nextCursor: z.null() }), ...problems } } }, async (request) => ({
    items: await listInvitations(core, contextOf(request)),
    nextCursor: null,
  }));
  r.post('/api/invitations', { schema: { tags, summary: 'Invite someone by link (shown once)', body: CreateInvitationSchema, response: { 201: CreatedInvitationSchema, ...problems } } }, async (request, reply) =>
    reply.code(201).send(await createInvitation(core, contextOf(request), request.body)),
  );
  r.delete('/api/invitations/:id', { schema: { tags, summary: 'Revoke an open invitation', params: IdParams, response: { 204: NoContent, ...problems } } }, async (request, reply) => {
    await revokeInvitation(core, contextOf(request), request.params.id);
    return reply.code(204).send(null);
  });
  r.get('/api/invitations/:token/preview', { schema: { tags, summary: 'What an invitation link is for (public)', params: TokenParams, response: { 200: InvitationPreviewSchema, 410: ProblemSchema } } }, async (request) =>
    previewInvitation(core, request.params.token),
  );
  r.post(
    '/api/invitations/:token/accept',
    { schema: { tags, summary: 'Accept an invitation: set name and password, and sign in (public)', params: TokenParams, body: AcceptInvitationSchema, response: { 200: MeSchema, 410: ProblemSchema, 422: ProblemSchema } } },
    async (request, reply) => {
      const accepted = await acceptInvitation(core, request.params.token, request.body, clientOf(request));
      const loaded = await loadActor(core.db, accepted.workspaceId, accepted.userId);
      if (!loaded) throw new Error('the invited member could not be loaded');
      setSessionCookies(request, reply, accepted.session);
      return buildMe(core, loaded.actor, accepted.session.csrfToken);
    },
  );
}
