import { z } from 'zod';
import { CreateViewSchema, UpdateViewSchema, VIEW_ENTITIES, ViewSchema } from '@kairos/domain/views';
import type { Core } from '../../core';
import { contextOf } from '../../http/auth';
import { IdParams, NoContent, problems, typed, type App } from '../../http/types';
import { createView, deleteView, listViews, updateView } from './views.service';

export function registerViewRoutes(app: App, core: Core) {
  const r = typed(app);
  const tags = ['views'];
  r.get('/api/views', { schema: { tags, summary: "The caller's saved views and the shared ones", querystring: z.object({ entity: z.enum(VIEW_ENTITIES).optional() }), response: { 200: z.object({ items: z.array(ViewSchema) }), ...problems } } }, async (request) =>
    listViews(core, contextOf(request), request.query.entity),
  );
  r.post('/api/views', { schema: { tags, summary: "Save a list's filters and columns as a view (shared needs workspace.manage or pipelines.manage)", body: CreateViewSchema, response: { 201: ViewSchema, ...problems } } }, async (request, reply) =>
    reply.code(201).send(await createView(core, contextOf(request), request.body)),
  );
  r.patch('/api/views/:id', { schema: { tags, summary: 'Change a view; needs its version', params: IdParams, body: UpdateViewSchema, response: { 200: ViewSchema, ...problems } } }, async (request) =>
    updateView(core, contextOf(request), request.params.id, request.body),
  );
  r.delete('/api/views/:id', { schema: { tags, summary: 'Delete a view', params: IdParams, response: { 204: NoContent, ...problems } } }, async (request, reply) => {
    await deleteView(core, contextOf(request), request.params.id);
    return reply.code(204).send(null);
  });
}
