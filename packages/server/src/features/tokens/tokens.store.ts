import type { Executor } from '../../db/schema';
import type { ApiTokensTable } from './token.table';

export async function insertTokenRow(db: Executor, row: ApiTokensTable): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export async function findTokenByHash(db: Executor, hash: string): Promise<ApiTokensTable | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

export async function listTokenRows(db: Executor, workspaceId: string, userId: string, before: { createdAt: string; id: string } | undefined, limit: number) {
  let query = db.selectFrom('api_tokens').selectAll().where('workspace_id', '=', workspaceId).where('user_id', '=', userId);
  if (before) {
    query = query.where((eb) => eb.or([eb('created_at', '<', before.createdAt), eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)])]));
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function revokeTokenRow(db: Executor, workspaceId: string, userId: string, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function revokeTokensOfUserRows(db: Executor, workspaceId: string, userId: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('workspace_id', '=', workspaceId).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}

export async function touchTokenRow(db: Executor, workspaceId: string, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}
