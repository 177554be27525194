import { sql } from 'kysely';
import type { ListScope } from '@kairos/domain/policy';
import type { Executor } from '../../db/schema';
import type { FollowUpsTable } from './followup.table';
import { scopeCondition } from '../../shared/scope';
import { updateVersionedRow } from '../../shared/versioned';

export async function insertFollowUpRow(db: Executor, row: FollowUpsTable): Promise<void> {
  await db.insertInto('followups').values(row).execute();
}

export async function findFollowUpRow(db: Executor, workspaceId: string, id: string, options: { deleted?: boolean } = {}): Promise<FollowUpsTable | undefined> {
  return db
    .selectFrom('followups')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('deleted_at', options.deleted ? 'is not' : 'is', null)
    .executeTakeFirst();
}

export interface FollowUpFilter {
  target?: { type: string; id: string };
  customerId?: string;
  authorId?: string;
  type?: string;
  occurredFrom?: string;
  occurredTo?: string;
  after?: { value: string; id: string };
}

/**
 * Live follow-ups on records the caller may see, a keyset page on (occurred_at, id). A deal's follow-up
 * is seen by whoever sees the deal (its owner's side or its team); the others by whoever sees the customer.
 */
export async function listFollowUpRows(db: Executor, workspaceId: string, scope: ListScope, filter: FollowUpFilter, direction: 'asc' | 'desc', limit: number): Promise<FollowUpsTable[]> {
  let query = db
    .selectFrom('followups as f')
    .innerJoin('customers as c', (j) => j.onRef('c.workspace_id', '=', 'f.workspace_id').onRef('c.id', '=', 'f.customer_id'))
    .leftJoin('opportunities as o', (j) => j.onRef('o.workspace_id', '=', 'f.workspace_id').onRef('o.id', '=', 'f.target_id').on('f.target_type', '=', 'opportunity'))
    .leftJoin('contacts as k', (j) => j.onRef('k.workspace_id', '=', 'f.workspace_id').onRef('k.id', '=', 'f.target_id').on('f.target_type', '=', 'contact'))
    .selectAll('f')
    .where('f.workspace_id', '=', workspaceId)
    .where('f.deleted_at', 'is', null)
    .where('c.deleted_at', 'is', null)
    .where('o.deleted_at', 'is', null)
    .where('k.deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('f.target_type', '!=', 'opportunity'), scopeCondition(eb, scope, { workspaceId, owner: 'c.owner_id', department: 'c.department_id' })]),
        eb.and([
          eb('f.target_type', '=', 'opportunity'),
          scopeCondition(eb, scope, {
            workspaceId,
            owner: 'o.owner_id',
            department: 'o.department_id',
            team: (userId) => sql<boolean>`o.id in (select t.opportunity_id from deal_team_members t where t.workspace_id = ${workspaceId} and t.user_id = ${userId})`,
          }),
        ]),
      ]),
    );
  if (filter.target) query = query.where('f.target_type', '=', filter.target.type).where('f.target_id', '=', filter.target.id);
  if (filter.customerId) query = query.where('f.customer_id', '=', filter.customerId);
  if (filter.authorId) query = query.where('f.author_id', '=', filter.authorId);
  if (filter.type) query = query.where('f.type', '=', filter.type);
  if (filter.occurredFrom) query = query.where('f.occurred_at', '>=', filter.occurredFrom);
  if (filter.occurredTo) query = query.where('f.occurred_at', '<', filter.occurredTo);
  if (filter.after) {
    const { value, id } = filter.after;
    query = query.where((eb) => eb(eb.refTuple('f.occurred_at', 'f.id'), direction === 'asc' ? '>' : '<', eb.tuple(value, id)));
  }
  return query.orderBy('f.occurred_at', direction).orderBy('f.id', direction).limit(limit).execute();
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
