import type { Executor } from '../../db/schema';
import { updateVersionedRow } from '../../shared/versioned';
import type { CommentsTable } from './comment.table';

type Before = { at: string; id: string } | undefined;

export async function insertCommentRow(db: Executor, row: CommentsTable): Promise<void> {
  await db.insertInto('comments').values(row).execute();
}

export async function findCommentRow(db: Executor, workspaceId: string, id: string, options: { deleted?: boolean } = {}): Promise<CommentsTable | undefined> {
  return db
    .selectFrom('comments')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('deleted_at', options.deleted ? 'is not' : 'is', null)
    .executeTakeFirst();
}

export async function updateCommentRow(db: Executor, workspaceId: string, id: string, version: number, patch: Partial<Pick<CommentsTable, 'body' | 'mentions' | 'deleted_at'>> & { updated_at: string }) {
  return updateVersionedRow(db, 'comments', workspaceId, id, version, patch);
}

/** Replaces a comment's mention rows with `userIds`. */
export async function setMentionRows(db: Executor, workspaceId: string, commentId: string, userIds: readonly string[], at: string): Promise<void> {
  await db.deleteFrom('comment_mentions').where('workspace_id', '=', workspaceId).where('comment_id', '=', commentId).execute();
  if (userIds.length) await db.insertInto('comment_mentions').values(userIds.map((user_id) => ({ workspace_id: workspaceId, comment_id: commentId, user_id, created_at: at }))).execute();
}

/** Active members among `ids`. */
/** A record's live comments newest first (a customer's include its contacts' and deals'). */
export async function listCommentRows(db: Executor, workspaceId: string, record: { type: string; id: string }, before: Before, limit: number): Promise<CommentsTable[]> {
  let query = db.selectFrom('comments').selectAll().where('workspace_id', '=', workspaceId).where('deleted_at', 'is', null);
  query = record.type === 'customer' ? query.where('customer_id', '=', record.id) : query.where('target_type', '=', record.type).where('target_id', '=', record.id);
  if (before) query = query.where((eb) => eb.or([eb('created_at', '<', before.at), eb.and([eb('created_at', '=', before.at), eb('id', '<', before.id)])]));
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** Comments mentioning a member, newest first. */
export async function listMentioningRows(db: Executor, workspaceId: string, userId: string, before: Before, limit: number): Promise<CommentsTable[]> {
  let query = db
    .selectFrom('comment_mentions as m')
    .innerJoin('comments as c', (j) => j.onRef('c.workspace_id', '=', 'm.workspace_id').onRef('c.id', '=', 'm.comment_id'))
    .selectAll('c')
    .where('m.workspace_id', '=', workspaceId)
    .where('m.user_id', '=', userId)
    .where('c.deleted_at', 'is', null);
  if (before) query = query.where((eb) => eb.or([eb('m.created_at', '<', before.at), eb.and([eb('m.created_at', '=', before.at), eb('m.comment_id', '<', before.id)])]));
  return query.orderBy('m.created_at', 'desc').orderBy('m.comment_id', 'desc').limit(limit).execute();
}
