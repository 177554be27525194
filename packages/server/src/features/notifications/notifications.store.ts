import { sql } from 'kysely';
import type { Executor } from '../../db/schema';
import type { NotificationsTable } from './notification.table';

export async function insertNotificationRows(db: Executor, rows: NotificationsTable[]): Promise<void> {
  if (rows.length) await db.insertInto('notifications').values(rows).execute();
}

/** A member's notifications, newest first, with the name of whoever caused each. */
export async function listNotificationRows(db: Executor, workspaceId: string, userId: string, options: { unread: boolean; beforeId?: string }, limit: number) {
  let query = db
    .selectFrom('notifications as n')
    .leftJoin('users as u', (j) => j.onRef('u.workspace_id', '=', 'n.workspace_id').onRef('u.id', '=', 'n.actor_id'))
    .selectAll('n')
    .select('u.name as actor_name')
    .where('n.workspace_id', '=', workspaceId)
    .where('n.user_id', '=', userId);
  if (options.unread) query = query.where('n.read_at', 'is', null);
  if (options.beforeId) query = query.where('n.id', '<', options.beforeId);
  return query.orderBy('n.id', 'desc').limit(limit).execute();
}

export async function countUnreadRows(db: Executor, workspaceId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select(sql<number>`count(*)`.as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Marks the member's own notifications read; `ids` undefined means all of them. */
export async function markRowsRead(db: Executor, workspaceId: string, userId: string, ids: readonly string[] | undefined, at: string): Promise<void> {
  let query = db.updateTable('notifications').set({ read_at: at }).where('workspace_id', '=', workspaceId).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ids) query = query.where('id', 'in', [...ids]);
  await query.execute();
}

/** When this member last asked about this record, since `since`. */
export async function lastAskedAt(db: Executor, workspaceId: string, actorId: string, recordId: string, since: string): Promise<string | null> {
  const row = await db
    .selectFrom('notifications')
    .select('created_at')
    .where('workspace_id', '=', workspaceId)
    .where('record_id', '=', recordId)
    .where('kind', '=', 'ask_owner')
    .where('created_at', '>=', since)
    .where('actor_id', '=', actorId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.created_at ?? null;
}
