import type { Executor } from '../../db/schema';
import type { FollowUpsTable } from './followup.table';
import { updateVersionedRow } from '../../shared/versioned';

export async function insertFollowUpRow(db: Executor, row: FollowUpsTable): Promise<void> {
  await db.insertInto('followups').values(row).execute();
}

export async function findFollowUpRow(db: Executor, workspaceId: string, id: string): Promise<FollowUpsTable | undefined> {
  return db.selectFrom('followups').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function updateFollowUpRow(
  db: Executor,
  workspaceId: string,
  id: string,
  version: number,
  patch: Partial<Pick<FollowUpsTable, 'type' | 'occurred_at' | 'content' | 'outcome' | 'next_step' | 'next_follow_up_on' | 'custom' | 'deleted_at'>> & { updated_at: string },
): Promise<FollowUpsTable | undefined> {
  return updateVersionedRow(db, 'followups', workspaceId, id, version, patch);
}

/** The customer's most recent live follow-up, which sets its "last" time and "next" date. */
export async function findLatestFollowUpOfCustomer(db: Executor, workspaceId: string, customerId: string): Promise<FollowUpsTable | undefined> {
  return db
    .selectFrom('followups')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .where('deleted_at', 'is', null)
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A customer's follow-ups, newest first, strictly before (at, id) when given. */
export async function listFollowUpRowsOfCustomer(db: Executor, workspaceId: string, customerId: string, before: { at: string; id: string } | undefined, limit: number): Promise<FollowUpsTable[]> {
  let query = db.selectFrom('followups').selectAll().where('workspace_id', '=', workspaceId).where('customer_id', '=', customerId).where('deleted_at', 'is', null);
  if (before) query = query.where((eb) => eb.or([eb('occurred_at', '<', before.at), eb.and([eb('occurred_at', '=', before.at), eb('id', '<', before.id)])]));
  return query.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** The latest live follow-up logged on one record (a contact or a deal), for its own summary. */
export async function findLatestFollowUpOfTarget(db: Executor, workspaceId: string, targetType: string, targetId: string): Promise<FollowUpsTable | undefined> {
  return db
    .selectFrom('followups')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .where('deleted_at', 'is', null)
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** One record's follow-ups, newest first, strictly before (at, id) when given. */
export async function listFollowUpRowsOfTarget(db: Executor, workspaceId: string, targetType: string, targetId: string, before: { at: string; id: string } | undefined, limit: number): Promise<FollowUpsTable[]> {
  let query = db.selectFrom('followups').selectAll().where('workspace_id', '=', workspaceId).where('target_type', '=', targetType).where('target_id', '=', targetId).where('deleted_at', 'is', null);
  if (before) query = query.where((eb) => eb.or([eb('occurred_at', '<', before.at), eb.and([eb('occurred_at', '=', before.at), eb('id', '<', before.id)])]));
  return query.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}
