import { z } from 'zod';
import { RoleSchema, RoleUpdateSchema } from '@kairos/domain/roles';
import type { Core } from '../../core';
import { contextOf } from '../../http/auth';
import { IdParams, problems, typed, type App } from '../../http/types';
import { listRoles, updateRole } from './roles.service';

export function registerRoleRoutes(app: App, core: Core) {
  const r = typed(app);
  const tags = ['roles'];
  r.get('/api/roles', { schema: { tags, summary: 'The workspace roles with their permissions and data scope', response: { 200: z.object({ items: z.array(RoleSchema), nextCursor: z.null() }), ...problems } } }, async (request) => ({
    items: await listRoles(core, contextOf(request)),
    nextCursor: null,
  }));
  r.patch('/api/roles/:id', { schema: { tags, summary: "Change a role's names, permissions or data scope", params: IdParams, body: RoleUpdateSchema, response: { 200: RoleSchema, ...problems } } }, async (request) =>
    updateRole(core, contextOf(request), request.params.id, request.body),
  );
}
