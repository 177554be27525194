import { sql, type Expression, type SqlBool } from 'kysely';
import type { ListScope } from '@kairos/domain/policy';
import type { Executor } from '../../db/schema';
import { scopeCondition } from '../../shared/scope';
import { withRollups } from '../board/stage-rollups.store';
import type { CustomersTable } from './customer.table';
import { updateVersionedRow } from '../../shared/versioned';
import { hasTag } from '../../shared/tags';

/** A customer with what the permission policy needs: its department's path. */
export type CustomerRow = CustomersTable & { department_path: string | null };

function withDepartmentPath(db: Executor) {
  return db
    .selectFrom('customers as c')
    .leftJoin('departments as d', (j) => j.onRef('d.workspace_id', '=', 'c.workspace_id').onRef('d.id', '=', 'c.department_id'))
    .selectAll('c')
    .select('d.path as department_path');
}

export async function insertCustomerRow(db: Executor, row: CustomersTable): Promise<void> {
  await db.insertInto('customers').values(row).execute();
}

/** Including deleted ones (the recycle bin needs them); callers decide. */
export async function findCustomerRow(db: Executor, workspaceId: string, id: string): Promise<CustomerRow | undefined> {
  return withDepartmentPath(db).where('c.workspace_id', '=', workspaceId).where('c.id', '=', id).executeTakeFirst();
}

/** Several at once (live and deleted), for batched permission checks. */
export async function findCustomerRows(db: Executor, workspaceId: string, ids: readonly string[]): Promise<CustomerRow[]> {
  if (ids.length === 0) return [];
  return withDepartmentPath(db).where('c.workspace_id', '=', workspaceId).where('c.id', 'in', [...ids]).execute();
}

export async function updateCustomerRow(
  db: Executor,
  workspaceId: string,
  id: string,
  version: number,
  patch: Partial<Omit<CustomersTable, 'workspace_id' | 'id' | 'version' | 'created_at' | 'created_by'>> & { updated_at: string },
): Promise<CustomersTable | undefined> {
  const write = () => updateVersionedRow(db, 'customers', workspaceId, id, version, patch);
  // A deleted customer's deals leave the board with it, and come back when it is restored.
  return 'deleted_at' in patch ? withRollups(db, workspaceId, { customerId: id }, write) : write();
}

export type CustomerSort = { column: 'updated_at' | 'created_at' | 'name_key'; direction: 'asc' | 'desc' };

export interface CustomerListFilter {
  ids?: string[];
  namePrefix?: string;
  ownerId?: string;
  departmentId?: string;
  status?: string;
  level?: string;
  tag?: string;
  updatedFrom?: string;
  updatedTo?: string;
  /** A condition on custom field values, built by the custom-fields feature. */
  custom?: Expression<SqlBool>;
  deleted: boolean;
  /** The sort key and id of the last row of the previous page. */
  after?: { value: string; id: string };
}

/** A page of customers inside the caller's scope, in SQL, by a keyset on (sort column, id). */
export async function listCustomerRows(db: Executor, workspaceId: string, scope: ListScope, filter: CustomerListFilter, sort: CustomerSort, limit: number): Promise<CustomerRow[]> {
  let query = withDepartmentPath(db)
    .where('c.workspace_id', '=', workspaceId)
    .where('c.deleted_at', filter.deleted ? 'is not' : 'is', null)
    .where((eb) => scopeCondition(eb, scope, { workspaceId, owner: 'c.owner_id', department: 'c.department_id' }));
  // A merged customer lives on in its survivor; it is not in the recycle bin. (Only deleted rows can be
  // merged ones, so live lists skip the condition rather than tempt the planner onto its index.)
  if (filter.deleted) query = query.where('c.merged_into_id', 'is', null);
  if (filter.ids) query = filter.ids.length ? query.where('c.id', 'in', filter.ids) : query.where(sql<boolean>`1 = 0`);
  if (filter.ownerId) query = query.where('c.owner_id', '=', filter.ownerId);
  if (filter.departmentId) query = query.where('c.department_id', '=', filter.departmentId);
  if (filter.status) query = query.where('c.status', '=', filter.status);
  if (filter.level) query = query.where('c.level', '=', filter.level);
  if (filter.updatedFrom) query = query.where('c.updated_at', '>=', filter.updatedFrom);
  if (filter.updatedTo) query = query.where('c.updated_at', '<', filter.updatedTo);
  if (filter.namePrefix) {
    // A range on the indexed key instead of LIKE: exact for any characters, and index-friendly on both engines.
    query = query.where('c.name_key', '>=', filter.namePrefix).where('c.name_key', '<', `${filter.namePrefix}\u{10FFFF}`);
  }
  if (filter.tag) query = query.where(hasTag('c.tags', filter.tag));
  if (filter.custom) query = query.where(filter.custom);
  const column = `c.${sort.column}` as const;
  if (filter.after) {
    const { value, id } = filter.after;
    const op = sort.direction === 'asc' ? '>' : '<';
    // A row-value comparison, not "a > x or (a = x and id > y)": both engines turn it into one index range,
    // so a page a million rows deep costs what the first page does.
    query = query.where((eb) => eb(eb.refTuple(column, 'c.id'), op, eb.tuple(value, id)));
  }
  return query.orderBy(column, sort.direction).orderBy('c.id', sort.direction).limit(limit).execute();
}

export interface DuplicateKeys {
  nameKey?: string;
  uscc?: string;
  phone?: string;
  domain?: string;
}

/**
 * Live customers matching any key, across the whole workspace (not the caller's scope: a rep must be
 * stopped from calling a colleague's customer), with their owner's name. At most 10.
 */
export async function findDuplicateRows(db: Executor, workspaceId: string, keys: DuplicateKeys, excludeId?: string) {
  const clauses: Expression<SqlBool>[] = [];
  if (keys.nameKey) clauses.push(sql<boolean>`c.name_key = ${keys.nameKey}`);
  if (keys.uscc) clauses.push(sql<boolean>`c.uscc = ${keys.uscc}`);
  if (keys.phone) clauses.push(sql<boolean>`c.phone = ${keys.phone}`);
  if (keys.domain) clauses.push(sql<boolean>`c.domain_key = ${keys.domain}`);
  if (clauses.length === 0) return [];
  let query = withDepartmentPath(db)
    .leftJoin('users as u', (j) => j.onRef('u.workspace_id', '=', 'c.workspace_id').onRef('u.id', '=', 'c.owner_id'))
    .select('u.name as owner_name')
    .where('c.workspace_id', '=', workspaceId)
    .where('c.deleted_at', 'is', null)
    .where((eb) => eb.or(clauses));
  if (excludeId) query = query.where('c.id', '!=', excludeId);
  return query.orderBy('c.created_at').limit(10).execute();
}

/** Ids of customers merged into this one, whose history its timeline shows. */
export async function listMergedIds(db: Executor, workspaceId: string, id: string): Promise<string[]> {
  return (await db.selectFrom('customers').select('id').where('workspace_id', '=', workspaceId).where('merged_into_id', '=', id).execute()).map((r) => r.id);
}

/** Moves every child record of `fromId` to `toId` (contacts, deals, follow-ups, comments, files), in the merge's transaction. */
export async function moveChildren(db: Executor, workspaceId: string, fromId: string, toId: string): Promise<void> {
  for (const table of ['contacts', 'opportunities', 'followups', 'comments', 'files'] as const) {
    await db.updateTable(table).set({ customer_id: toId }).where('workspace_id', '=', workspaceId).where('customer_id', '=', fromId).execute();
  }
  for (const table of ['followups', 'comments', 'files'] as const) {
    await db.updateTable(table).set({ target_id: toId }).where('workspace_id', '=', workspaceId).where('target_type', '=', 'customer').where('target_id', '=', fromId).execute();
  }
}

/** Not a user edit: no version bump, so a rep's open edit form does not go stale because a colleague logged a call. */
export async function setFollowUpSummary(db: Executor, workspaceId: string, id: string, summary: { last_follow_up_at: string | null; next_follow_up_on: string | null }): Promise<void> {
  await db.updateTable('customers').set(summary).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}
