import { pageOf } from '@kairos/domain/common';
import { TimelineItemSchema, TimelineQuerySchema } from '@kairos/domain/timeline';
import type { Core } from '../../core';
import { contextOf } from '../../http/auth';
import { IdParams, problems, typed, type App } from '../../http/types';
import { customerTimeline } from './timeline.service';

export function registerTimelineRoutes(app: App, core: Core) {
  typed(app).get(
    '/api/customers/:id/timeline',
    {
      schema: {
        tags: ['customers'],
        summary: "The customer's timeline, newest first: follow-ups and every change (kind=followup|change filters)",
        params: IdParams,
        querystring: TimelineQuerySchema,
        response: { 200: pageOf(TimelineItemSchema), ...problems },
      },
    },
    async (request) => customerTimeline(core, contextOf(request), request.params.id, request.query),
  );
}
