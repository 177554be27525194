import { pageOf } from '@kairos/domain/common';
import { TimelineItemSchema, TimelineQuerySchema } from '@kairos/domain/timeline';
import type { Core } from '../../core';
import { contextOf } from '../../http/auth';
import { IdParams, problems, typed, type App } from '../../http/types';
import { recordTimeline, type TimelineRecord } from './timeline.service';

const RECORDS: { type: TimelineRecord['type']; path: string; tag: string; what: string }[] = [
  { type: 'customer', path: '/api/customers/:id/timeline', tag: 'customers', what: "The customer's timeline, newest first: follow-ups (also those on its contacts and deals) and every change" },
  { type: 'contact', path: '/api/contacts/:id/timeline', tag: 'contacts', what: "The contact's timeline, newest first: its follow-ups and every change" },
  { type: 'opportunity', path: '/api/opportunities/:id/timeline', tag: 'opportunities', what: "The deal's timeline, newest first: follow-ups, field changes, stage moves, team and ownership changes" },
];

export function registerTimelineRoutes(app: App, core: Core) {
  for (const { type, path, tag, what } of RECORDS) {
    typed(app).get(
      path,
      { schema: { tags: [tag], summary: `${what} (kind=followup|change filters)`, params: IdParams, querystring: TimelineQuerySchema, response: { 200: pageOf(TimelineItemSchema), ...problems } } },
      async (request) => recordTimeline(core, contextOf(request), { type, id: request.params.id }, request.query),
    );
  }
}
