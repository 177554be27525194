import { pageOf } from '@kairos/domain/common';
import { CreateUserSchema, DirectoryEntrySchema, DirectoryQuerySchema, ResetPasswordSchema, UpdateUserSchema, UserListQuerySchema, UserSchema } from '@kairos/domain/users';
import type { Core } from '../../core';
import { contextOf } from '../../http/auth';
import { IdParams, NoContent, problems, typed, type App } from '../../http/types';
import { createUser, getUser, listDirectory, listUsers, resetPassword, updateUser } from './users.service';

export function registerUserRoutes(app: App, core: Core) {
  const r = typed(app);
  const tags = ['users'];
  r.get('/api/users', { schema: { tags, summary: 'Members the caller may see, by name', querystring: UserListQuerySchema, response: { 200: pageOf(UserSchema), ...problems } } }, async (request) =>
    listUsers(core, contextOf(request), request.query),
  );
  r.get(
    '/api/directory',
    { schema: { tags, summary: 'Names and departments of all members, for pickers and mentions (any member)', querystring: DirectoryQuerySchema, response: { 200: pageOf(DirectoryEntrySchema), ...problems } } },
    async (request) => listDirectory(core, contextOf(request), request.query),
  );
  r.post('/api/users', { schema: { tags, summary: 'Add a member (administrators)', body: CreateUserSchema, response: { 201: UserSchema, ...problems } } }, async (request, reply) =>
    reply.code(201).send(await createUser(core, contextOf(request), request.body)),
  );
  r.get('/api/users/:id', { schema: { tags, summary: 'One member', params: IdParams, response: { 200: UserSchema, ...problems } } }, async (request) =>
    getUser(core, contextOf(request), request.params.id),
  );
  r.patch(
    '/api/users/:id',
    { schema: { tags, summary: 'Edit department, manager, roles or status (deactivate / reactivate); needs the version', params: IdParams, body: UpdateUserSchema, response: { 200: UserSchema, ...problems } } },
    async (request) => updateUser(core, contextOf(request), request.params.id, request.body),
  );
  r.post(
    '/api/users/:id/password',
    { schema: { tags, summary: 'Set a new password for a member (administrators)', params: IdParams, body: ResetPasswordSchema, response: { 204: NoContent, ...problems } } },
    async (request, reply) => {
      await resetPassword(core, contextOf(request), request.params.id, request.body.newPassword);
      return reply.code(204).send(null);
    },
  );
}
