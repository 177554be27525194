import { AppError } from '@kairos/domain/errors';
import type { RecordType } from '@kairos/domain/common';
import type { MarkNotificationsRead, Notification, NotificationListQuery } from '@kairos/domain/notifications';
import type { Core, RequestContext } from '../../core';
import { fromJson } from '../../shared/json';
import { readableRecords } from '../record-targets/record-targets';
import type { NotificationsTable } from './notification.table';
import { countUnreadRows, listNotificationRows, markRowsRead } from './notifications.store';
import type { Payload } from './notify';

function toNotification(row: NotificationsTable & { actor_name: string | null }, currentName: string | undefined): Notification {
  const payload = fromJson<Payload>(row.payload, {});
  return {
    id: row.id,
    kind: row.kind as Notification['kind'],
    recordType: row.record_type as Notification['recordType'],
    recordId: row.record_id,
    recordName: currentName ?? row.record_name,
    actorId: row.actor_id,
    actorName: row.actor_name,
    message: payload.message ?? null,
    source: payload.source ?? null,
    count: payload.count ?? null,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

/**
 * The caller's inbox, newest first. A notification about a record the caller can no longer see (handed
 * on, deleted, out of scope) is left out rather than revealing it; the rest show the record's current name.
 */
export async function listNotifications(core: Core, ctx: RequestContext, query: NotificationListQuery) {
  const { workspaceId, userId } = ctx.actor;
  const binding = `notifications:${userId}:${query.unread}`;
  const beforeId = query.cursor ? core.cursors.decode(query.cursor, binding)[0] : undefined;
  if (beforeId !== undefined && typeof beforeId !== 'string') throw new AppError('cursor_invalid');
  const rows = await listNotificationRows(core.db, workspaceId, userId, { unread: query.unread, beforeId }, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const refs = page.flatMap((r) => (r.record_id && r.record_type ? [{ type: r.record_type as RecordType, id: r.record_id }] : []));
  const readable = await readableRecords(core.db, ctx.actor, refs);
  const items = page.filter((r) => !r.record_id || readable.has(r.record_id)).map((r) => toNotification(r, r.record_id ? readable.get(r.record_id)?.name : undefined));
  const last = page[page.length - 1];
  return {
    items,
    nextCursor: rows.length > query.limit && last ? core.cursors.encode([last.id], binding) : null,
    unreadCount: await countUnreadRows(core.db, workspaceId, userId),
  };
}

export async function unreadCount(core: Core, ctx: RequestContext): Promise<{ unreadCount: number }> {
  return { unreadCount: await countUnreadRows(core.db, ctx.actor.workspaceId, ctx.actor.userId) };
}

/** Marks the caller's own notifications read (someone else's ids are simply not matched). */
export async function markRead(core: Core, ctx: RequestContext, input: MarkNotificationsRead): Promise<{ unreadCount: number }> {
  await markRowsRead(core.db, ctx.actor.workspaceId, ctx.actor.userId, input.all ? undefined : input.ids, core.clock.now().toISOString());
  return unreadCount(core, ctx);
}
