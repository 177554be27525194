import { CreateFollowUpSchema, FollowUpListQuerySchema, FollowUpSchema, UpdateFollowUpSchema } from '@kairos/domain/followups';
import { pageOf } from '@kairos/domain/common';
import type { Core } from '../../core';
import { contextOf } from '../../http/auth';
import { idempotencyOf } from '../../http/idempotency';
import { IdParams, NoContent, problems, typed, type App } from '../../http/types';
import { createFollowUp, deleteFollowUp, getFollowUp, listFollowUps, restoreFollowUp, updateFollowUp } from './followups.service';

export function registerFollowUpRoutes(app: App, core: Core) {
  const r = typed(app);
  const tags = ['followups'];
  r.get('/api/followups', { schema: { tags, summary: "Follow-ups on the records the caller may see, newest first; or one record's (targetType + targetId) or one customer's (customerId)", querystring: FollowUpListQuerySchema, response: { 200: pageOf(FollowUpSchema), ...problems } } }, async (request) =>
    listFollowUps(core, contextOf(request), request.query),
  );
  r.get('/api/followups/:id', { schema: { tags, summary: 'One follow-up', params: IdParams, response: { 200: FollowUpSchema, ...problems } } }, async (request) => getFollowUp(core, contextOf(request), request.params.id));
  r.post('/api/followups/:id/restore', { schema: { tags, summary: 'Bring back your own removed follow-up (within the recycle-bin days)', params: IdParams, response: { 200: FollowUpSchema, ...problems } } }, async (request) =>
    restoreFollowUp(core, contextOf(request), request.params.id),
  );
  r.post(
    '/api/followups',
    { schema: { tags, summary: "Log a follow-up (honours Idempotency-Key); held to the workspace's rules: content length, next step and date", body: CreateFollowUpSchema, response: { 201: FollowUpSchema, ...problems } } },
    async (request, reply) => reply.code(201).send(await createFollowUp(core, contextOf(request), request.body, idempotencyOf(request))),
  );
  r.patch('/api/followups/:id', { schema: { tags, summary: 'Correct your own follow-up; needs its version', params: IdParams, body: UpdateFollowUpSchema, response: { 200: FollowUpSchema, ...problems } } }, async (request) =>
    updateFollowUp(core, contextOf(request), request.params.id, request.body),
  );
  r.delete('/api/followups/:id', { schema: { tags, summary: 'Remove your own follow-up', params: IdParams, response: { 204: NoContent, ...problems } } }, async (request, reply) => {
    await deleteFollowUp(core, contextOf(request), request.params.id);
    return reply.code(204).send(null);
  });
}
