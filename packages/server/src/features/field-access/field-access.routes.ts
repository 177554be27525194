import { MyFieldAccessSchema } from '@kairos/domain/field-access';
import type { Core } from '../../core';
import { contextOf } from '../../http/auth';
import { problems, typed, type App } from '../../http/types';
import { myFieldAccess } from './field-access.service';

export function registerFieldAccessRoutes(app: App, core: Core) {
  typed(app).get(
    '/api/fields/access',
    { schema: { tags: ['custom fields'], summary: "The caller's hidden and read-only fields per record type (set by admins in the workspace's fieldRules)", response: { 200: MyFieldAccessSchema, ...problems } } },
    async (request) => myFieldAccess(core, contextOf(request)),
  );
}
