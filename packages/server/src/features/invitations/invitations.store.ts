import type { Executor } from '../../db/schema';
import type { InvitationsTable } from './invitation.table';

export async function insertInvitationRow(db: Executor, row: InvitationsTable): Promise<void> {
  await db.insertInto('invitations').values(row).execute();
}

export async function findInvitationByHash(db: Executor, hash: string): Promise<InvitationsTable | undefined> {
  return db.selectFrom('invitations').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

/** Open invitations (neither accepted nor revoked), newest first. */
export async function listOpenInvitationRows(db: Executor, workspaceId: string, limit: number): Promise<InvitationsTable[]> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function markInvitation(db: Executor, workspaceId: string, id: string, patch: { accepted_at?: string; revoked_at?: string }): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
