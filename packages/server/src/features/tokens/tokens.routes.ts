import { ApiTokenSchema, CreateApiTokenSchema, CreatedApiTokenSchema } from '@kairos/domain/auth';
import { ListQuerySchema, pageOf } from '@kairos/domain/common';
import type { Core } from '../../core';
import { contextOf } from '../../http/auth';
import { IdParams, NoContent, problems, typed, type App } from '../../http/types';
import { createToken, listTokens, revokeToken } from './tokens.service';

export function registerTokenRoutes(app: App, core: Core) {
  const r = typed(app);
  const tags = ['tokens'];
  r.get('/api/tokens', { schema: { tags, summary: "The caller's personal API tokens", querystring: ListQuerySchema, response: { 200: pageOf(ApiTokenSchema), ...problems } } }, async (request) =>
    listTokens(core, contextOf(request), request.query),
  );
  r.post(
    '/api/tokens',
    { schema: { tags, summary: 'Create a personal API token; the secret is in this response only', body: CreateApiTokenSchema, response: { 201: CreatedApiTokenSchema, ...problems } } },
    async (request, reply) => reply.code(201).send(await createToken(core, contextOf(request), request.body)),
  );
  r.delete('/api/tokens/:id', { schema: { tags, summary: 'Revoke a token', params: IdParams, response: { 204: NoContent, ...problems } } }, async (request, reply) => {
    await revokeToken(core, contextOf(request), request.params.id);
    return reply.code(204).send(null);
  });
}
