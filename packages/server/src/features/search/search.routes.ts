import { SearchQuerySchema, SearchResultSchema } from '@kairos/domain/search';
import type { Core } from '../../core';
import { contextOf } from '../../http/auth';
import { problems, typed, type App } from '../../http/types';
import { search } from './search.service';

export function registerSearchRoutes(app: App, core: Core) {
  typed(app).get(
    '/api/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Customers, contacts and deals the caller may see, by any part of a name (2-character Chinese names too), pinyin initials, phone fragment or e-mail',
        querystring: SearchQuerySchema,
        response: { 200: SearchResultSchema, ...problems },
      },
    },
    async (request) => search(core, contextOf(request), request.query),
  );
}
