import { ProblemSchema } from '@kairos/domain/common';
import { AskOwnerRequestSchema, AskOwnerResultSchema, MarkNotificationsReadSchema, NotificationListQuerySchema, NotificationPageSchema, UnreadCountSchema } from '@kairos/domain/notifications';
import type { Core } from '../../core';
import { contextOf } from '../../http/auth';
import { problems, typed, type App } from '../../http/types';
import { askOwner } from '../duplicates/ask-owner';
import { listNotifications, markRead, unreadCount } from './notifications.service';

export function registerNotificationRoutes(app: App, core: Core) {
  const r = typed(app);
  const tags = ['notifications'];
  r.get('/api/notifications', { schema: { tags, summary: "The caller's notifications, newest first, with the unread count", querystring: NotificationListQuerySchema, response: { 200: NotificationPageSchema, ...problems } } }, async (request) =>
    listNotifications(core, contextOf(request), request.query),
  );
  r.get('/api/notifications/unread-count', { schema: { tags, summary: 'How many notifications the caller has not read', response: { 200: UnreadCountSchema, ...problems } } }, async (request) =>
    unreadCount(core, contextOf(request)),
  );
  r.post('/api/notifications/read', { schema: { tags, summary: 'Mark some (ids) or all of the caller’s notifications read', body: MarkNotificationsReadSchema, response: { 200: UnreadCountSchema, ...problems } } }, async (request) =>
    markRead(core, contextOf(request), request.body),
  );
  r.post('/api/duplicates/ask-owner', { schema: { tags: ['duplicates'], summary: "Ask the owner of a duplicate customer to work together (once a day per customer); takes the match's askRef", body: AskOwnerRequestSchema, response: { 200: AskOwnerResultSchema, 429: ProblemSchema, ...problems } } }, async (request) =>
    askOwner(core, contextOf(request), request.body),
  );
}
