import { z } from 'zod';
import { pageOf } from '@kairos/domain/common';
import { CommentListQuerySchema, CommentSchema, CreateCommentSchema, UpdateCommentSchema } from '@kairos/domain/comments';
import type { Core } from '../../core';
import { contextOf } from '../../http/auth';
import { idempotencyOf } from '../../http/idempotency';
import { IdParams, NoContent, problems, typed, type App } from '../../http/types';
import { createComment, deleteComment, getComment, listComments, restoreComment, updateComment } from './comments.service';

export function registerCommentRoutes(app: App, core: Core) {
  const r = typed(app);
  const tags = ['comments'];
  r.get('/api/comments', { schema: { tags, summary: "A record's comments newest first (targetType + targetId), or those mentioning the caller (mentionsMe=true)", querystring: CommentListQuerySchema, response: { 200: pageOf(CommentSchema), ...problems } } }, async (request) =>
    listComments(core, contextOf(request), request.query),
  );
  r.post(
    '/api/comments',
    {
      schema: {
        tags,
        summary: 'Comment on a record the caller can see, @mentioning colleagues by id (honours Idempotency-Key)',
        headers: z.looseObject({ 'idempotency-key': z.string().optional() }),
        body: CreateCommentSchema,
        response: { 201: CommentSchema, ...problems },
      },
    },
    async (request, reply) => reply.code(201).send(await createComment(core, contextOf(request), request.body, idempotencyOf(request))),
  );
  r.get('/api/comments/:id', { schema: { tags, summary: 'One comment', params: IdParams, response: { 200: CommentSchema, ...problems } } }, async (request) => getComment(core, contextOf(request), request.params.id));
  r.post('/api/comments/:id/restore', { schema: { tags, summary: 'Bring back your own removed comment (within the recycle-bin days)', params: IdParams, response: { 200: CommentSchema, ...problems } } }, async (request) =>
    restoreComment(core, contextOf(request), request.params.id),
  );
  r.patch('/api/comments/:id', { schema: { tags, summary: 'Edit your own comment; needs its version', params: IdParams, body: UpdateCommentSchema, response: { 200: CommentSchema, ...problems } } }, async (request) =>
    updateComment(core, contextOf(request), request.params.id, request.body),
  );
  r.delete('/api/comments/:id', { schema: { tags, summary: 'Remove your own comment', params: IdParams, response: { 204: NoContent, ...problems } } }, async (request, reply) => {
    await deleteComment(core, contextOf(request), request.params.id);
    return reply.code(204).send(null);
  });
}
