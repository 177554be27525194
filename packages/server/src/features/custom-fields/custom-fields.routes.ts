import { z } from 'zod';
import { CreateCustomFieldSchema, CUSTOM_FIELD_ENTITIES, CustomFieldSchema, UpdateCustomFieldSchema } from '@kairos/domain/custom-fields';
import type { Core } from '../../core';
import { contextOf } from '../../http/auth';
import { IdParams, NoContent, problems, typed, type App } from '../../http/types';
import { createCustomField, deleteCustomField, listCustomFields, updateCustomField } from './custom-fields.service';

export function registerCustomFieldRoutes(app: App, core: Core) {
  const r = typed(app);
  const tags = ['fields'];
  r.get(
    '/api/fields',
    { schema: { tags, summary: 'Custom field definitions, in form order (entity filters by record type)', querystring: z.object({ entity: z.enum(CUSTOM_FIELD_ENTITIES).optional() }), response: { 200: z.object({ items: z.array(CustomFieldSchema) }), ...problems } } },
    async (request) => listCustomFields(core, contextOf(request), request.query.entity),
  );
  r.post('/api/fields', { schema: { tags, summary: 'Add a custom field to a record type (workspace.manage)', body: CreateCustomFieldSchema, response: { 201: CustomFieldSchema, ...problems } } }, async (request, reply) =>
    reply.code(201).send(await createCustomField(core, contextOf(request), request.body)),
  );
  r.patch('/api/fields/:id', { schema: { tags, summary: "Change a field's labels, options, order or whether it is required; needs its version", params: IdParams, body: UpdateCustomFieldSchema, response: { 200: CustomFieldSchema, ...problems } } }, async (request) =>
    updateCustomField(core, contextOf(request), request.params.id, request.body),
  );
  r.delete('/api/fields/:id', { schema: { tags, summary: 'Remove a custom field from forms, lists and responses (stored values are kept)', params: IdParams, response: { 204: NoContent, ...problems } } }, async (request, reply) => {
    await deleteCustomField(core, contextOf(request), request.params.id);
    return reply.code(204).send(null);
  });
}
