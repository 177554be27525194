import { z } from 'zod';
import { CreateDepartmentSchema, DepartmentSchema, UpdateDepartmentSchema } from '@kairos/domain/departments';
import type { Core } from '../../core';
import { contextOf } from '../../http/auth';
import { IdParams, NoContent, problems, typed, type App } from '../../http/types';
import { createDepartment, deleteDepartment, listDepartments, updateDepartment } from './departments.service';

export function registerDepartmentRoutes(app: App, core: Core) {
  const r = typed(app);
  const tags = ['departments'];
  r.get(
    '/api/departments',
    { schema: { tags, summary: 'The department tree, flat (parentId links)', response: { 200: z.object({ items: z.array(DepartmentSchema), nextCursor: z.null() }), ...problems } } },
    async (request) => ({ items: await listDepartments(core, contextOf(request)), nextCursor: null }),
  );
  r.post('/api/departments', { schema: { tags, summary: 'Add a department', body: CreateDepartmentSchema, response: { 201: DepartmentSchema, ...problems } } }, async (request, reply) =>
    reply.code(201).send(await createDepartment(core, contextOf(request), request.body)),
  );
  r.patch(
    '/api/departments/:id',
    { schema: { tags, summary: 'Rename, move (with its subtree), re-sort or set the head', params: IdParams, body: UpdateDepartmentSchema, response: { 200: DepartmentSchema, ...problems } } },
    async (request) => updateDepartment(core, contextOf(request), request.params.id, request.body),
  );
  r.delete('/api/departments/:id', { schema: { tags, summary: 'Delete an empty department', params: IdParams, response: { 204: NoContent, ...problems } } }, async (request, reply) => {
    await deleteDepartment(core, contextOf(request), request.params.id);
    return reply.code(204).send(null);
  });
}
