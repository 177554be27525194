import type { Executor } from '../../db/schema';
import type { IdempotencyKeysTable } from './idempotency.table';

export async function findIdempotencyRow(db: Executor, workspaceId: string, userId: string, key: string): Promise<IdempotencyKeysTable | undefined> {
  return db.selectFrom('idempotency_keys').selectAll().where('workspace_id', '=', workspaceId).where('user_id', '=', userId).where('key', '=', key).executeTakeFirst();
}

export async function insertIdempotencyRow(db: Executor, row: IdempotencyKeysTable): Promise<void> {
  await db.insertInto('idempotency_keys').values(row).execute();
}
